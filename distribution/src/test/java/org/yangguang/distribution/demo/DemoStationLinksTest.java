package org.yangguang.distribution.demo;

import org.junit.jupiter.api.Test;
import org.yangguang.distribution.registry.DeviceLink;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher's per-run simulator ports reach the seeded devices; a typo is refused naming the setting. */
class DemoStationLinksTest {
    private static final Set<String> STATIONS = Set.of("lin-baiwen-01", "lin-central-01");

    @Test
    void eachNamedStationGetsItsLinkAndTheOthersThePlaceholder() {
        DemoStationLinks links = DemoStationLinks.parse("lin-baiwen-01=127.0.0.1:15020, lin-central-01=box.local:15022",
                STATIONS);
        assertThat(links.of("lin-baiwen-01")).isEqualTo(new DeviceLink("127.0.0.1", 15020, null, null, null, null));
        assertThat(links.of("lin-central-01")).isEqualTo(new DeviceLink("box.local", 15022, null, null, null, null));
        assertThat(DemoStationLinks.parse("", STATIONS).of("lin-baiwen-01"))
                .isEqualTo(new DeviceLink("127.0.0.1", 502, null, null, null, null));
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> DemoStationLinks.parse("lin-baiwen-01:15020", STATIONS))
                .hasMessage("yangguang.demo.station-links: 'lin-baiwen-01:15020' is not station=host:port");
        assertThatThrownBy(() -> DemoStationLinks.parse("lin-baiwen-1=127.0.0.1:15020", STATIONS))
                .hasMessageStartingWith("yangguang.demo.station-links: 'lin-baiwen-1=127.0.0.1:15020' names no station");
        assertThatThrownBy(() -> DemoStationLinks.parse("lin-baiwen-01=127.0.0.1:99999", STATIONS))
                .hasMessage("yangguang.demo.station-links: 'lin-baiwen-01=127.0.0.1:99999' has no port 1..65535");
        assertThatThrownBy(() -> DemoStationLinks.parse("lin-baiwen-01=a:1,lin-baiwen-01=b:2", STATIONS))
                .hasMessage("yangguang.demo.station-links: station lin-baiwen-01 is named twice");
    }
}
