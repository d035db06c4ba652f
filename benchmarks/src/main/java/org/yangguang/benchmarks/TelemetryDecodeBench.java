package org.yangguang.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;

import java.io.IOException;

/**
 * The collector's reading of one reading ({@link TelemetryCodec#decode}: streaming, every rule of the schema
 * checked, a {@link Telemetry} built) against only parsing the same bytes into a Jackson tree, with no check
 * and nothing built: the first step of the tree reader it replaced.
 */
@State(Scope.Benchmark)
public class TelemetryDecodeBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final byte[] payload = TelemetryCodec.encode(TelemetryEncodeBench.golden());

    @Benchmark
    public Telemetry codecWithChecks() throws ContractViolation {
        return TelemetryCodec.decode(payload);
    }

    @Benchmark
    public JsonNode jacksonTreeOnly() throws IOException {
        return MAPPER.readTree(payload);
    }
}
