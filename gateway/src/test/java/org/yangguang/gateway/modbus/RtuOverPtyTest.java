package org.yangguang.gateway.modbus;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.gateway.testing.VendorImages;
import org.yangguang.testkit.Services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modbus RTU over RS-485, emulated by a pseudo-terminal pair from socat: a j2mod serial slave with two units
 * (a SunSpec inverter and an SDM630 meter) on one end, the gateway's RTU link on the other, configured from YAML.
 */
class RtuOverPtyTest {
    @Test
    void readsSunSpecAndAMeterOverRtu(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("ttyGateway");
        Path b = dir.resolve("ttyBus");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        ModbusSlave slave = null;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(a) && Files.exists(b)) && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(a)).as("socat created the pty pair").isTrue();
            SerialParameters p = new SerialParameters();
            p.setPortName(b.toRealPath().toString());
            p.setBaudRate(19200);
            p.setDatabits(8);
            p.setParity("even");
            p.setStopbits(1);
            p.setEncoding("rtu");
            p.setEcho(false);
            slave = ModbusSlaveFactory.createSerialSlave(p);
            slave.addProcessImage(3, TestModbusSlave.image(3, SunSpecImages.golden103(40000)));
            slave.addProcessImage(11, TestModbusSlave.image(11, VendorImages.eastronSdm630()));
            slave.open();

            Path config = dir.resolve("station.yaml");
            Files.writeString(config, String.join("\n",
                    "station: lin-baiwen-01",
                    "gateway: gw-rtu",
                    "mqtt: {url: '" + Services.mqttUrl() + "'}",
                    "buffer: {dir: buffer}",
                    "links:",
                    "  - rtu: {port: '" + a.toRealPath() + "', baud: 19200, parity: even, stopBits: 1}",
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
        } finally {
            if (slave != null) {
                ModbusSlaveFactory.close(slave);
            }
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
