package org.yangguang.benchmarks;

import org.influxdb.dto.Point;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.yangguang.collector.storage.LineProtocol;
import org.yangguang.collector.storage.ReadingDigest;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.TelemetryMapper;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A reading as InfluxDB lines, as the collector writes it ({@link TelemetryMapper} then {@link LineProtocol})
 * against the InfluxDB Java client's own {@link Point} builder and {@code lineProtocol()} for the same series,
 * tags and fields. {@code EncodersAgreeTest} holds the two to the same values.
 */
@State(Scope.Benchmark)
public class LineProtocolBench {
    final Telemetry reading = TelemetryEncodeBench.golden();

    @Benchmark
    public String collector() {
        return LineProtocol.encode(TelemetryMapper.map(reading));
    }

    @Benchmark
    public String influxClient() {
        return influxClient(reading);
    }

    static String influxClient(Telemetry t) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> texts = new LinkedHashMap<>();
        for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
            values.put(e.getKey(), e.getValue().value());
            if (e.getValue().text() != null) {
                texts.put(e.getKey(), e.getValue().text());
            }
        }
        // every reading's line in readings (gateway, seq, digest): the same fields, the digest taken the same way
        String lines = Point.measurement(StorageSchema.READINGS).time(t.ts(), TimeUnit.MILLISECONDS)
                .tag("station", t.station()).tag("device", t.device()).tag("gateway", t.gateway())
                .tag("outcome", StorageSchema.STORED).addField("seq", (double) t.seq())
                .addField("digest", ReadingDigest.of(t)).build().lineProtocol(TimeUnit.MILLISECONDS) + "\n";
        lines += Point.measurement(StorageSchema.TELEMETRY).time(t.ts(), TimeUnit.MILLISECONDS)
                .tag("station", t.station()).tag("device", t.device()).tag("kind", t.kind()).tag("model", t.model())
                .fields(values).build().lineProtocol(TimeUnit.MILLISECONDS) + "\n";
        if (!texts.isEmpty()) {
            lines += Point.measurement(StorageSchema.TELEMETRY_TEXT).time(t.ts(), TimeUnit.MILLISECONDS)
                    .tag("station", t.station()).tag("device", t.device()).tag("kind", t.kind())
                    .fields(texts).build().lineProtocol(TimeUnit.MILLISECONDS) + "\n";
        }
        return lines;
    }
}
