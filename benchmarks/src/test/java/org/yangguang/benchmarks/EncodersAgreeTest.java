package org.yangguang.benchmarks;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.PointValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmark compares like with like: ours and its baseline produce the same result from the same input, so a
 * ratio in docs/performance.md is the price of the same work done two ways.
 */
class EncodersAgreeTest {

    @Test
    void sunSpecDecodersGiveTheSamePoints() throws Exception {
        SunSpecDecodeBench b = new SunSpecDecodeBench();
        Map<String, PointValue> compiled = b.compiled();

        assertThat(compiled).hasSize(23).isEqualTo(b.interpretive());
        assertThat(compiled.get("ac_power")).isEqualTo(PointValue.of(36240, "W"));
    }

    @Test
    void telemetryWriterAndJacksonWriteTheSameBytes() {
        TelemetryEncodeBench b = new TelemetryEncodeBench();

        assertThat(new String(b.telemetryWriter(), StandardCharsets.UTF_8))
                .isEqualTo(new String(b.jacksonGenerator(), StandardCharsets.UTF_8))
                .contains("\"ac_energy\":{\"value\":123456789,\"unit\":\"Wh\"}");
    }

    @Test
    void decodersReadTheWholeReading() throws Exception {
        TelemetryDecodeBench b = new TelemetryDecodeBench();

        assertThat(b.codecWithChecks()).isEqualTo(TelemetryEncodeBench.golden());
        assertThat(b.jacksonTreeOnly().get("points").size()).isEqualTo(23);
    }

    @Test
    void collectorAndInfluxClientWriteTheSameSeriesAndValues() {
        LineProtocolBench b = new LineProtocolBench();

        assertThat(lines(b.collector())).isEqualTo(lines(b.influxClient())).hasSize(3);
        assertThat(b.collector()).contains("ac_energy=123456789,").doesNotContain("E8");
    }

    /** measurement + sorted tags → sorted fields (numbers compared as decimals: 36250 and 36250.0 are one value), time. */
    private static Map<String, String> lines(String protocol) {
        Map<String, String> out = new TreeMap<>();
        for (String line : protocol.split("\n")) {
            String[] parts = line.split(" ");
            assertThat(parts).as(line).hasSize(3); // no spaces in this reading's names or values
            String[] series = parts[0].split(",");
            Map<String, String> tags = new TreeMap<>();
            for (int i = 1; i < series.length; i++) {
                tags.put(series[i].substring(0, series[i].indexOf('=')), series[i].substring(series[i].indexOf('=') + 1));
            }
            Map<String, String> fields = new TreeMap<>();
            for (String f : parts[1].split(",")) {
                String v = f.substring(f.indexOf('=') + 1);
                fields.put(f.substring(0, f.indexOf('=')), v.startsWith("\"") ? v : new BigDecimal(v).stripTrailingZeros().toPlainString());
            }
            out.put(series[0] + tags, fields + " " + parts[2]);
        }
        return out;
    }
}
