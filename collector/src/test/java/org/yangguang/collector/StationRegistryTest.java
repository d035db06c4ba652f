package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.validation.StationRegistry;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StationRegistryTest {
    @Test
    void gatewaysAreDeclaredWithTheirStationAndBrokerUser() throws Exception {
        Path file = Files.createTempFile("registry", ".txt");
        Files.writeString(file, """
                station lin-baiwen-01 kwp=300 lat=37.95 lon=110.99
                gateway gw-baiwen-01 station=lin-baiwen-01 user=baiwen-login
                gateway gw-baiwen-02 station=lin-baiwen-01
                gateway gw-yaotou-01 station=lin-yaotou-01
                device  lin-baiwen-01/inv-01 kwp=50
                """);
        StationRegistry r = StationRegistry.load(file);
        assertThat(r.gatewaysOf("lin-baiwen-01")).extracting(StationRegistry.Gateway::id).containsExactly("gw-baiwen-01", "gw-baiwen-02");
        assertThat(r.gateway("gw-baiwen-01")).hasValue(new StationRegistry.Gateway("gw-baiwen-01", "lin-baiwen-01", "baiwen-login"));
        assertThat(r.gateway("gw-baiwen-02").orElseThrow().user()).as("the gateway id by default").isEqualTo("gw-baiwen-02");
        assertThat(r.station("lin-yaotou-01")).as("a gateway's station is known").isPresent();
        assertThat(r.gatewaysOf("lin-other")).isEmpty();
    }

    @Test
    void aMalformedOrRepeatedGatewayLineSaysWhereAndWhat() throws Exception {
        Path file = Files.createTempFile("registry", ".txt");
        Files.writeString(file, "station s-1\ngateway gw-1\n");
        assertThatThrownBy(() -> StationRegistry.load(file)).hasMessage(file + " line 2: gateway must be written "
                + "'gateway <id> station=<station id> [user=<broker user>]' with ids matching [a-z0-9][a-z0-9_-]{0,63}, got 'gateway gw-1'");
        Files.writeString(file, "gateway gw-1 station=s-1\ngateway gw-1 station=s-2\n");
        assertThatThrownBy(() -> StationRegistry.load(file)).hasMessage(file + " line 2: gateway gw-1 is declared twice (a gateway serves one station)");
    }
}
