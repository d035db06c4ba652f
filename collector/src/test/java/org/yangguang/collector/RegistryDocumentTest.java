package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.config.CommandLine;
import org.yangguang.collector.registry.RegistryDocument;
import org.yangguang.collector.validation.StationRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Distribution's registry feed as the collector reads it (the end-to-end run is integration's RegistryOfRecordTest):
 * what it keeps, a bad entry refused whole naming it, a refresh that replaces what the last answer said while devices
 * the collector registered by itself stay, and the options that point it at distribution.
 */
public class RegistryDocumentTest {
    public static final String FEED = """
            {"county": "lin", "stations": [
              {"code": "lin-baiwen-01", "capacityKwp": 300.000, "latitude": "37.950000", "longitude": 110.99,
               "gateways": [{"code": "gw-baiwen-01", "brokerUser": "gw-baiwen-01"}],
               "devices": [{"code": "inv-01", "kind": "inverter", "state": "ACTIVE", "capacityKwp": 50},
                           {"code": "meter-01", "kind": "meter", "state": "ACTIVE", "capacityKwp": null}]},
              {"code": "lin-central-01", "capacityKwp": 30000, "latitude": null, "longitude": null,
               "gateways": [], "devices": []}]}""";

    @TempDir
    Path dir;

    @Test
    void stationsGatewaysAndDevicesAreRead() {
        RegistryDocument doc = RegistryDocument.parse(FEED);
        assertThat(doc.county()).isEqualTo("lin");
        assertThat(doc.stations()).containsExactly(new StationRegistry.Station("lin-baiwen-01", 300, 37.95, 110.99),
                new StationRegistry.Station("lin-central-01", 30000, Double.NaN, Double.NaN));
        assertThat(doc.gateways()).containsExactly(new StationRegistry.Gateway("gw-baiwen-01", "lin-baiwen-01", "gw-baiwen-01"));
        assertThat(doc.devices()).containsExactly(new StationRegistry.Device("lin-baiwen-01", "inv-01", "inverter", 50),
                new StationRegistry.Device("lin-baiwen-01", "meter-01", "meter", 0));
    }

    @Test
    void aBadEntryIsRefusedWholeNamingIt() {
        assertThatThrownBy(() -> RegistryDocument.parse(FEED.replace("\"inv-01\"", "\"INV 01\"")))
                .hasMessageContaining("stations[0].devices[0].code").hasMessageContaining("'INV 01' is not an id");
        assertThatThrownBy(() -> RegistryDocument.parse(FEED.replace("300.000", "\"three hundred\"")))
                .hasMessageContaining("stations[0].capacityKwp: 'three hundred' is not a number");
        assertThatThrownBy(() -> RegistryDocument.parse("<html>proxy error</html>"))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> RegistryDocument.parse("{\"county\": \"lin\"}")).hasMessageContaining("no 'stations' list");
    }

    @Test
    void aRefreshReplacesTheLastAnswerAndKeepsWhatTheCollectorRegisteredItself() {
        StationRegistry r = StationRegistry.empty();
        RegistryDocument first = RegistryDocument.parse(FEED);
        r.replaceDeclared(first.stations(), first.gateways(), first.devices());
        assertThat(r.register("lin-baiwen-01", "inv-09", "inverter")).as("auto-registered").isTrue();
        RegistryDocument second = RegistryDocument.parse(FEED.replace("{\"code\": \"meter-01\", \"kind\": \"meter\", "
                + "\"state\": \"ACTIVE\", \"capacityKwp\": null}", "{\"code\": \"inv-02\", \"capacityKwp\": 60}")
                .replace("300.000", "320"));
        r.replaceDeclared(second.stations(), second.gateways(), second.devices());
        assertThat(r.knows("lin-baiwen-01", "meter-01")).as("retired from the registry").isFalse();
        assertThat(r.device("lin-baiwen-01", "inv-02").orElseThrow().kwp()).isEqualTo(60);
        assertThat(r.knows("lin-baiwen-01", "inv-09")).as("the collector's own registration stays").isTrue();
        assertThat(r.station("lin-baiwen-01").orElseThrow().kwp()).isEqualTo(320);
    }

    @Test
    void theRegistryUrlNeedsItsCredentialsAndExcludesTheFile() throws Exception {
        Path cred = Files.writeString(dir.resolve("cred"), "collector-lin:s3cret-s3cret\n");
        CollectorConfig c = CommandLine.parse(new String[]{"--registry-url", "http://dist:8090/", "--registry-credentials",
                cred.toString(), "--registry-refresh", "30s"}, Map.of());
        assertThat(c.registrySource().feed().toString()).isEqualTo("http://dist:8090/api/registry");
        assertThat(c.registrySource().user()).isEqualTo("collector-lin");
        assertThat(c.registrySource().refresh()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.registrySource().toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--registry-url", "http://dist:8090"}, Map.of()))
                .hasMessageContaining("--registry-credentials");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--registry-url", "http://dist:8090", "--registry-credentials",
                cred.toString(), "--registry", "registry.txt"}, Map.of())).hasMessageContaining("not both");
        Path bad = Files.writeString(dir.resolve("bad"), "no-colon-here\n");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--registry-url", "http://dist:8090", "--registry-credentials",
                bad.toString()}, Map.of())).hasMessageContaining("user:secret");
    }
}
