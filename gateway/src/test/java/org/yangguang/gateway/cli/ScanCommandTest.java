package org.yangguang.gateway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.modbus.LinkProblem;
import org.yangguang.gateway.testing.PtyPair;
import org.yangguang.gateway.testing.RegisterImage;
import org.yangguang.gateway.testing.SilentServer;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.gateway.testing.VendorImages;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanCommandTest {
    @Test
    void findsSunSpecAndKnownVendorDevicesAndPrintsAConfigThatLoads(@TempDir Path dir) throws Exception {
        RegisterImage sungrow = VendorImages.sungrowSg().inputString(4989, 10, "A2150912345");
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000),
                2, VendorImages.huaweiSun2000(), 4, sungrow, 7, new RegisterImage().zeros(0, 10)))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = ScanCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(slave.port()),
                    "--units", "1-8"}, 0), new PrintStream(buf, true, StandardCharsets.UTF_8));
            String yaml = buf.toString(StandardCharsets.UTF_8);
            assertThat(rc).isZero();
            assertThat(yaml).contains("units 1-8: 3 devices")
                    .contains("- {id: inv-01, unit: 1, kind: inverter, sunspec: true}   # SunSpec 103 Yangguang YG-50K SN-0001")
                    .contains("- {id: inv-02, unit: 2, kind: inverter, map: huawei-sun2000}   # Huawei SUN2000 KTL-M0..M5 string inverter (SUN2000-50KTL-M3, serial HV2150123456)")
                    .contains("- {id: inv-03, unit: 4, kind: inverter, map: sungrow-sg}   # Sungrow SG CX/HX string inverter (SG110CX, serial A2150912345)")
                    .contains("delayAfterConnect: 1s");
            // The snippet is a valid config once station, gateway, mqtt and buffer are added.
            Path station = dir.resolve("station.yaml");
            Files.writeString(station, "station: s1\ngateway: g1\nmqtt: {url: 'tcp://127.0.0.1:1883'}\nbuffer: {dir: b}\n"
                    + yaml);
            assertThat(GatewayConfig.load(station).devices()).hasSize(3);
        }
    }

    @Test
    void scansAnRs485BusAndReadsADeviceOnIt(@TempDir Path dir) throws Exception {
        try (PtyPair pty = PtyPair.open(dir)) {
            pty.bus(9600, "none", Map.of(2, VendorImages.huaweiSun2000(), 11, SunSpecImages.golden103(40000)));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = ScanCommand.run(new Args(new String[]{"--serial", pty.gatewaySide(), "--units", "1-3,11",
                    "--timeout-ms", "200"}, 0), new PrintStream(buf, true, StandardCharsets.UTF_8));
            String yaml = buf.toString(StandardCharsets.UTF_8);

            assertThat(rc).isZero();
            assertThat(yaml).contains("# gateway scan of " + pty.gatewaySide() + " 9600 8N1 units 1-3,11: 2 devices")
                    .contains("  - rtu: {port: '" + pty.gatewaySide() + "', baud: 9600, parity: none, stopBits: 1}")
                    .contains("- {id: inv-01, unit: 2, kind: inverter, map: huawei-sun2000}")
                    .doesNotContain("delayAfterConnect"); // that is the TCP dongle's quirk, not the inverter's
            assertThat(yaml).contains("- {id: inv-02, unit: 11, kind: inverter, sunspec: true}   # SunSpec 103 Yangguang YG-50K SN-0001");
            Path station = dir.resolve("station.yaml");
            Files.writeString(station, "station: s1\ngateway: g1\nmqtt: {url: 'tcp://127.0.0.1:1883'}\nbuffer: {dir: b}\n"
                    + yaml);
            assertThat(GatewayConfig.load(station).links().get(0).rtu().baud()).isEqualTo(9600);

            // and what it found reads on the same bus
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            int read = ReadCommand.run(new Args(new String[]{"--serial", pty.gatewaySide(), "--unit", "2",
                    "--map", "huawei-sun2000"}, 0), new PrintStream(json, true, StandardCharsets.UTF_8));
            assertThat(read).isZero();
            assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"device\" : \"" + pty.gatewaySide() + " 9600 8N1\"")
                    .contains("\"status\" : \"ok\"");
        }
    }

    @Test
    void badOptionsAreNamedBeforeAnythingIsOpened() {
        assertThatThrownBy(() -> ScanCommand.run(new Args(new String[]{"--units", "1"}, 0), System.out))
                .hasMessage("say where the devices are: --host H (Modbus TCP) or --serial /dev/ttyUSB0 (Modbus RTU over RS-485)");
        assertThatThrownBy(() -> ScanCommand.run(new Args(new String[]{"--serial", "/dev/ttyUSB0", "--parity", "mark"}, 0), System.out))
                .hasMessage("--parity must be none, even or odd, was 'mark'");
        // a typo is named, not ignored (a scan at the default baud would find nothing and not say why)
        assertThatThrownBy(() -> ScanCommand.run(new Args(new String[]{"--serial", "/dev/ttyUSB0", "--buad", "19200"}, 0), System.out))
                .hasMessage("unknown option --buad");
    }

    @Test
    void parsesUnitRanges() {
        assertThat(ScanCommand.units("1-3,7, 9-10")).containsExactly(1, 2, 3, 7, 9, 10);
    }

    @Test
    void aLinkThatCannotBeOpenedSaysWhyInsteadOfZeroDevices() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ScanCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(closed)}, 0),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).as("no snippet claiming 0 devices").isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("connection refused: nothing listens on 127.0.0.1:" + closed)
                .doesNotContain("unit 2"); // the scan stopped at the first unit: no unit can answer

        err.reset();
        rc = ScanCommand.run(new Args(new String[]{"--serial", "/dev/ttyUSB-not-plugged-in"}, 0),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serial port /dev/ttyUSB-not-plugged-in does not exist");

        // a port that exists but is no serial device (a regular file): cannot be opened, and says so
        Path notSerial = Files.createTempFile("tty", "");
        err.reset();
        rc = ScanCommand.run(new Args(new String[]{"--serial", notSerial.toString(), "--units", "1"}, 0),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serial port " + notSerial + " exists but cannot be opened");
    }

    @Test
    void anOpenLinkWhereNoUnitAnswersSaysSo() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = ScanCommand.run(new Args(new String[]{"--host", "127.0.0.1", "--port", String.valueOf(silent.port()),
                    "--units", "1-2", "--timeout-ms", "100"}, 0),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(rc).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("the link to 127.0.0.1:" + silent.port()
                    + " is open, but no unit id in 1-2 answered within 100 ms");
        }
    }

    @Test
    void connectFailuresAreNamedForTheFieldEngineer() {
        java.time.Duration t = java.time.Duration.ofMillis(300);
        assertThat(LinkProblem.tcp("10.0.0.9", 502, t, new java.net.NoRouteToHostException("No route to host")))
                .startsWith("no route to host 10.0.0.9");
        assertThat(LinkProblem.tcp("10.0.0.9", 502, t, new Exception("wrapped", new java.net.SocketTimeoutException("Connect timed out"))))
                .isEqualTo("no answer to the connection from 10.0.0.9:502 within 300 ms (a firewall drops it, the address is wrong, or the logger is off)");
        assertThat(LinkProblem.tcp("logger.local", 502, t, new java.net.UnknownHostException("logger.local")))
                .startsWith("unknown host logger.local");
    }
}
