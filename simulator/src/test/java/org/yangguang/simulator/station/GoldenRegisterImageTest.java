package org.yangguang.simulator.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yangguang.simulator.TestTimes.JUNE_NOON;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.yangguang.simulator.ModbusClient;
import org.yangguang.simulator.config.SimulatorConfig;

/**
 * The whole map of a 50 kW inverter at a fixed instant, register by register, against a hand-checked golden dump
 * (src/test/resources/golden). Any change to layout, scale factors, sentinels or the electrical model shows here.
 */
class GoldenRegisterImageTest {

    @Test
    void fiftyKilowattInverterAtJuneNoonMatchesTheGoldenDump() throws Exception {
        int[] golden = readGolden("/golden/yg-sim-50k-june-noon.txt");
        Clock clock = Clock.fixed(JUNE_NOON, ZoneOffset.UTC);
        try (SimulatedStation station = SimulatedStation.start(SimulatorConfig.defaults(1, 50_000), clock);
             ModbusClient client = new ModbusClient(station.port(), 2_000)) {
            assertThat(station.inverter(1).registers()).containsExactly(golden);
            assertThat(client.read(1, 40_000, 124)).containsExactly(golden);
        }
    }

    private static int[] readGolden(String resource) throws Exception {
        List<Integer> values = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(GoldenRegisterImageTest.class.getResourceAsStream(resource), resource),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                String data = line.replaceFirst("#.*", "").trim();
                if (data.isEmpty()) {
                    continue;
                }
                String[] parts = data.split("\\s+");
                assertThat(Integer.parseInt(parts[0])).as("addresses are consecutive").isEqualTo(40_000 + values.size());
                values.add(Integer.parseInt(parts[1].substring(2), 16));
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
