package org.yangguang.collector.storage;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.Decimals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The line's numbers are written without a String each; they must read exactly as {@link Decimals#plain} writes them. */
class LineProtocolNumbersTest {
    @Test
    void everyNumberIsWrittenAsDecimalsPlainWritesIt() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.05, -0.05, 1.005, -1.005, 230.1, -230.1,
                49.98, 0.1, 0.000000001, 123456789.0, 9.007199254740991E15, 1e15, 1.5e-7, 2.5e20, Double.MIN_VALUE,
                Double.MAX_VALUE, 0.3, 1.0 / 3));
        SplittableRandom r = new SplittableRandom(20261206);
        for (int i = 0; i < 200_000; i++) {
            int places = r.nextInt(10);
            long register = r.nextLong(-2_000_000_000L, 2_000_000_000L);
            values.add(register / Math.pow(10, places)); // a register times a power of ten, as devices give them
            values.add(Double.longBitsToDouble(r.nextLong())); // and anything at all
        }
        for (double v : values) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue; // never reaches a line: the contract refuses them
            }
            StringBuilder sb = new StringBuilder();
            LineProtocol.appendNumber(sb, v);
            assertThat(sb.toString()).as("%s (bits %x)", v, Double.doubleToRawLongBits(v)).isEqualTo(Decimals.plain(v));
        }
    }
}
