package org.yangguang.contract;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {
    /**
     * Registers times powers of ten (what devices send), any bit pattern, tiny and huge magnitudes, large integers,
     * and integers of every size scaled by powers of ten.
     */
    private static double value(Random rnd, int i) {
        return switch (i % 5) {
            case 0 -> (rnd.nextInt(2_000_001) - 1_000_000) / Math.pow(10, rnd.nextInt(10));
            case 1 -> Double.longBitsToDouble(rnd.nextLong());
            case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(60) - 30);
            case 3 -> rnd.nextLong() * 1.0;
            default -> (rnd.nextLong() >> rnd.nextInt(64)) / Math.pow(10, rnd.nextInt(10));
        };
    }

    @Test
    void plainDecimalsReadBackExactlyAndNeverUseAnExponent() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double v = value(rnd, i);
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = Decimals.plain(v);
            assertThat(s).as("%s", v).doesNotContain("E").doesNotContain("e");
            assertThat(Double.doubleToLongBits(Double.parseDouble(s))).as("%s -> %s", v, s)
                    .isEqualTo(Double.doubleToLongBits(v == 0 ? 0.0 : v));
        }
        assertThat(Decimals.plain(230.1)).isEqualTo("230.1");
        assertThat(Decimals.plain(-0.05)).isEqualTo("-0.05");
        assertThat(Decimals.plain(123456789)).isEqualTo("123456789");
        assertThat(Decimals.plain(1e-7)).isEqualTo("0.0000001");
    }

    @Test
    void theTelemetryWriterPrintsEveryNumberAsPlainDoes() {
        // TelemetryWriter prints straight into its buffer; the text must stay exactly Decimals.plain's
        Random rnd = new Random(12);
        for (int i = 0; i < 100_000; i++) {
            double v = value(rnd, i);
            if (!Double.isFinite(v)) {
                continue;
            }
            long seq = rnd.nextLong() >>> rnd.nextInt(64);
            Telemetry t = new Telemetry(1, "s", "g", "d", "inverter", "m", -rnd.nextInt(1000), seq, DeviceStatus.OK, null,
                    java.util.Map.of("x", PointValue.of(v, "W")));
            String json = new String(TelemetryWriter.write(t), java.nio.charset.StandardCharsets.UTF_8);
            String value = json.substring(json.indexOf("\"value\":") + 8, json.indexOf(",\"unit\""));
            assertThat(value).as("%s", v).isEqualTo(Decimals.plain(v));
            assertThat(json).contains("\"ts\":" + t.ts() + ",\"seq\":" + seq + ",");
        }
    }
}
