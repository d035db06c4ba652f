package org.yangguang.contract;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalsTest {
    @Test
    void plainDecimalsReadBackExactlyAndNeverUseAnExponent() {
        Random rnd = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> (rnd.nextInt(2_000_001) - 1_000_000) / Math.pow(10, rnd.nextInt(10));
                case 1 -> Double.longBitsToDouble(rnd.nextLong());
                case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(60) - 30);
                default -> rnd.nextLong() * 1.0;
            };
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
}
