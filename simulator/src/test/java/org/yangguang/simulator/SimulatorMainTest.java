package org.yangguang.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

    @TempDir
    Path dir;

    @Test
    void servesTheExampleStationAndAnnouncesReadiness() throws Exception {
        Path config = dir.resolve("sim.yaml");
        Files.copy(Path.of("sim.yaml"), config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                SimulatorMain.run(new String[] {"--config", config.toString(), "--port", "0", "--duration", "5s", "--daylight"},
                        out, out));

        int port = awaitReadyPort(bytes);
        try (ModbusClient client = new ModbusClient(port, 2_000)) {
            for (int unit = 1; unit <= 6; unit++) {
                assertThat(client.read(unit, 40_000, 2)).containsExactly(0x5375, 0x6E53);
            }
            int[] w = client.read(1, 40_070 + 14, 2);
            assertThat(w[0]).as("--daylight: the sun is up, W > 0").isPositive();

            // live fault injection: edit the faults in the config file
            String yaml = Files.readString(config).replace("      derate: 0.0", "      alarm: [OVER_TEMP]");
            Files.writeString(config, yaml);
            Files.setLastModifiedTime(config, FileTime.from(Instant.now().plusSeconds(5)));
            int[] st = null;
            for (int i = 0; i < 60; i++) {
                st = client.read(6, 40_070 + 38, 4);
                if (st[0] == 7) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(st).as("St, StVnd, Evt1").containsExactly(7, 0xFFFF, 0, 0x80);
            assertThat(client.read(5, 40_070 + 38, 1)).containsExactly(4);
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("inverter unit=1 serial=SIM-0001 rated=50000W modbus=127.0.0.1:" + port + " unit 1")
                .contains("inverter unit=6 serial=SIM-0006").contains("faults of unit 6 now: alarm Evt1=0x00000080")
                .contains("simulator stopped");
    }

    @Test
    void badConfigIsReportedWithLineAndExitCode2() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "station: x\ninverters:\n  - {unit: 1, ratedPowerW: fifty}\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(SimulatorMain.run(new String[] {"--config", config.toString()}, err, err)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("bad.yaml line 3: inverters[0].ratedPowerW must be an integer, got \"fifty\"");
    }

    @Test
    void unknownArgumentIsRejected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(SimulatorMain.run(new String[] {"--config", "sim.yaml", "--colour"}, err, err)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown argument --colour").contains("usage:");
    }

    private static int awaitReadyPort(ByteArrayOutputStream bytes) throws InterruptedException {
        Pattern ready = Pattern.compile("SIMULATOR READY port=(\\d+)");
        for (int i = 0; i < 200; i++) {
            Matcher m = ready.matcher(bytes.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no READY line in:\n" + bytes.toString(StandardCharsets.UTF_8));
    }
}
