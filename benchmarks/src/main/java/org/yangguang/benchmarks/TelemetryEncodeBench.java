package org.yangguang.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.Decimals;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A reading's JSON as the gateway's store thread writes it ({@link TelemetryCodec#encode}) against Jackson's
 * streaming generator writing the same bytes (numbers through the same {@link Decimals#plain} rule), the general
 * writer it replaced. {@code EncodersAgreeTest} holds the two outputs equal.
 */
@State(Scope.Benchmark)
public class TelemetryEncodeBench {
    private static final JsonFactory JSON = new JsonFactory();

    final Telemetry reading = golden();

    @Benchmark
    public byte[] telemetryWriter() {
        return TelemetryCodec.encode(reading);
    }

    @Benchmark
    public byte[] jacksonGenerator() {
        return jackson(reading);
    }

    static Telemetry golden() {
        try {
            return TelemetryCodec.decode(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
        } catch (ContractViolation e) {
            throw new IllegalStateException("golden example no longer valid", e);
        }
    }

    static byte[] jackson(Telemetry t) {
        ByteArrayBuilder out = new ByteArrayBuilder(JSON._getBufferRecycler(), 1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema", t.schema());
            g.writeStringField("station", t.station());
            g.writeStringField("gateway", t.gateway());
            g.writeStringField("device", t.device());
            g.writeStringField("kind", t.kind());
            g.writeStringField("model", t.model());
            g.writeNumberField("ts", t.ts());
            g.writeNumberField("seq", t.seq());
            g.writeStringField("status", t.status().wire());
            if (t.error() != null) {
                g.writeStringField("error", t.error());
            }
            g.writeObjectFieldStart("points");
            for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeFieldName("value");
                g.writeNumber(Decimals.plain(e.getValue().value()));
                g.writeStringField("unit", e.getValue().unit());
                if (e.getValue().text() != null) {
                    g.writeStringField("text", e.getValue().text());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
