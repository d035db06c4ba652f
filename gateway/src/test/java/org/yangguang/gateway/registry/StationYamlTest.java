package org.yangguang.gateway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * station.yaml from the registry's entry (the round trip through distribution: integration's ScanToStationYamlTest):
 * a Modbus TCP logger and an RS-485 bus become two links the gateway's own reader accepts; a large station's second
 * gateway keeps its devices; a station with two gateways needs to be told which.
 */
class StationYamlTest {
    static final String STATION = """
            {"code": "lin-baiwen-01", "gateways": [{"code": "gw-a", "brokerUser": "gw-a"}, {"code": "gw-b", "brokerUser": "gw-b"}],
             "devices": [
               {"code": "inv-01", "kind": "inverter", "gateway": "gw-a", "link": {"host": "192.168.1.20", "port": 502},
                "unit": 1, "registerMap": "huawei-sun2000", "serial": "HV1", "capacityKwp": 50},
               {"code": "meter-01", "kind": "meter", "gateway": "gw-a",
                "link": {"serialPort": "/dev/ttyUSB0", "baud": 9600, "parity": "none", "stopBits": 1},
                "unit": 200, "registerMap": "eastron-sdm630"},
               {"code": "inv-02", "kind": "inverter", "gateway": "gw-b", "link": {"host": "192.168.1.21", "port": 502},
                "unit": 1, "registerMap": null}]}""";

    @TempDir
    Path dir;

    @Test
    void linksAndDevicesOfOneGatewayInAFileTheGatewayReads() throws Exception {
        JsonNode station = new ObjectMapper().readTree(STATION);
        String yaml = StationYaml.of(station, "gw-a", new StationYaml.Local("ssl://broker:8883",
                dir.resolve("mqtt.password").toString(), dir.resolve("buffer").toString()));
        Files.writeString(dir.resolve("mqtt.password"), "x\n");
        Path file = Files.writeString(dir.resolve("station.yaml"), yaml);
        GatewayConfig cfg = GatewayConfig.load(file);
        assertThat(cfg.gateway()).isEqualTo("gw-a");
        assertThat(cfg.links()).hasSize(2);
        assertThat(cfg.links().get(0).tcp().host()).isEqualTo("192.168.1.20");
        assertThat(cfg.links().get(0).devices()).extracting(DeviceConfig::id, DeviceConfig::map)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inv-01", "huawei-sun2000"));
        assertThat(cfg.links().get(1).rtu().port()).isEqualTo("/dev/ttyUSB0");
        assertThat(cfg.links().get(1).devices()).extracting(DeviceConfig::id, DeviceConfig::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("meter-01", 200));
        assertThat(yaml).doesNotContain("inv-02");
    }

    @Test
    void twoGatewaysNeedToBeToldWhich() throws Exception {
        JsonNode station = new ObjectMapper().readTree(STATION);
        StationYaml.Local local = new StationYaml.Local("tcp://b:1883", "p", "b");
        assertThatThrownBy(() -> StationYaml.of(station, null, local)).hasMessageContaining("has 2 gateways")
                .hasMessageContaining("--gateway");
        assertThatThrownBy(() -> StationYaml.of(station, "gw-z", local)).hasMessageContaining("gw-z does not serve");
        assertThat(StationYaml.of(station, "gw-b", local)).contains("inv-02").contains("sunspec: true").doesNotContain("inv-01");
    }
}
