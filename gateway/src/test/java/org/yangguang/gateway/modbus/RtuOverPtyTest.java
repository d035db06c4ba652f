package org.yangguang.gateway.modbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.PtyPair;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.VendorImages;
import org.yangguang.testkit.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modbus RTU over RS-485, emulated by a pseudo-terminal pair from socat: a j2mod serial slave with two units
 * (a SunSpec inverter and an SDM630 meter) on one end, the gateway's RTU link on the other, configured from YAML.
 */
class RtuOverPtyTest {
    @Test
    void readsSunSpecAndAMeterOverRtu(@TempDir Path dir) throws Exception {
        try (PtyPair pty = PtyPair.open(dir)) {
            pty.bus(19200, "even", Map.of(3, SunSpecImages.golden103(40000), 11, VendorImages.eastronSdm630()));

            Path config = dir.resolve("station.yaml");
            Files.writeString(config, String.join("\n",
                    "station: lin-baiwen-01",
                    "gateway: gw-rtu",
                    "mqtt: {url: '" + Services.mqttUrl() + "'}",
                    "buffer: {dir: buffer}",
                    "links:",
                    "  - rtu: {port: '" + pty.gatewaySide() + "', baud: 19200, parity: even, stopBits: 1}",
                    "    timeout: 1s",
                    "    pauseBetweenRequests: 20ms",
                    "    devices:",
                    "      - {id: inv-03, unit: 3, sunspec: true}",
                    "      - {id: meter-01, unit: 11, kind: meter, map: eastron-sdm630}",
                    ""));
            try (Gateway gw = Gateway.create(GatewayConfig.load(config), new MutableClock(Instant.parse("2026-06-21T04:00:00Z")))) {
                List<Telemetry> t = gw.pollOnce();
                assertThat(t).extracting(Telemetry::status).containsExactly(DeviceStatus.OK, DeviceStatus.OK);
                assertThat(t.get(0).model()).isEqualTo("sunspec:103");
                assertThat(t.get(0).points().get("ac_power").value()).isEqualTo(36250);
                assertThat(t.get(0).points().get("ac_current_a").value()).isEqualTo(17.4);
                assertThat(t.get(1).model()).isEqualTo("eastron:sdm630");
                assertThat(t.get(1).kind()).isEqualTo("meter");
                assertThat(t.get(1).points().get("export_energy").value()).isEqualTo(123_456_700);
                // second cycle on the same open port
                assertThat(gw.pollOnce()).extracting(Telemetry::status).containsExactly(DeviceStatus.OK, DeviceStatus.OK);
            }
        }
    }
}
