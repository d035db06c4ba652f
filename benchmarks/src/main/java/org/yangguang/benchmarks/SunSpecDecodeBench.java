package org.yangguang.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.benchmarks.gateway.BenchInverter;
import org.yangguang.gateway.poll.DecodeFailure;
import org.yangguang.gateway.sunspec.CanonicalMapping;
import org.yangguang.gateway.sunspec.CompiledModel;
import org.yangguang.gateway.sunspec.DecodedModel;
import org.yangguang.gateway.sunspec.ModelBlock;
import org.yangguang.gateway.sunspec.ModelDecoder;
import org.yangguang.gateway.sunspec.ModelDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's poll decode of one SunSpec model 103 block (52 registers → 23 contract points), against the
 * interpretive decoder it replaced on the poll path ({@link ModelDecoder} then {@link CanonicalMapping}, still
 * what {@code gateway read} and the golden tests use).
 */
@State(Scope.Benchmark)
public class SunSpecDecodeBench {
    final int[] regs = BenchInverter.model103(1);
    final ModelDef def = ModelDef.of(103).orElseThrow();
    final CompiledModel compiled = CompiledModel.of(def, new ModelBlock(103, 40_070, BenchInverter.MODEL_103_REGISTERS - 2));
    final Set<String> wanted = CanonicalMapping.wanted(103);

    @Benchmark
    public Map<String, PointValue> compiled() throws DecodeFailure {
        PointMap.Builder out = new PointMap.Builder();
        List<String> problems = new ArrayList<>(0);
        compiled.addPoints(regs, out, problems);
        return out.build();
    }

    @Benchmark
    public Map<String, PointValue> interpretive() {
        DecodedModel decoded = ModelDecoder.decode(def, regs, wanted);
        Map<String, PointValue> out = new LinkedHashMap<>();
        CanonicalMapping.addPoints(decoded, out);
        return out;
    }
}
