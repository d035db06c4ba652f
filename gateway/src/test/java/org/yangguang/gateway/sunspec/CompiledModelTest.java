package org.yangguang.gateway.sunspec;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.PointMap;
import org.yangguang.contract.PointValue;
import org.yangguang.gateway.poll.DecodeFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The poll's compiled path must publish exactly what the general decoder and mapping publish: same names in
 * the same order, bit-identical values, same texts, same problems, on register images full of sentinels,
 * odd scale factors and extreme values.
 */
class CompiledModelTest {
    private static final int[] MODELS = {101, 102, 103, 111, 112, 113, 160, 201, 202, 203, 204, 701};

    @Test
    void publishesExactlyWhatTheGeneralDecoderPublishes() throws DecodeFailure {
        Random rnd = new Random(20261123);
        int compared = 0;
        for (int id : MODELS) {
            ModelDef def = ModelDef.of(id).orElseThrow();
            for (int repeats = 0; repeats <= (def.repeatSize() > 0 ? 4 : 0); repeats++) {
                int total = def.fixedSize() + repeats * def.repeatSize();
                ModelBlock block = new ModelBlock(id, 40_002, total - 2);
                CompiledModel compiled = CompiledModel.of(def, block);
                for (int i = 0; i < 400; i++) {
                    int[] regs = image(def, total, rnd);
                    Map<String, PointValue> expected = new LinkedHashMap<>();
                    DecodedModel decoded = ModelDecoder.decode(def, regs, CanonicalMapping.wanted(id));
                    CanonicalMapping.addPoints(decoded, expected);

                    PointMap.Builder built = new PointMap.Builder();
                    List<String> problems = new ArrayList<>();
                    compiled.addPoints(regs, built, problems);
                    Map<String, PointValue> actual = built.build();

                    assertThat(List.copyOf(actual.keySet())).as("model %d image %d", id, i)
                            .containsExactlyElementsOf(expected.keySet());
                    expected.forEach((name, v) -> {
                        PointValue a = actual.get(name);
                        assertThat(Double.doubleToLongBits(a.value())).as("%s of model %d: %s vs %s", name, id, a, v)
                                .isEqualTo(Double.doubleToLongBits(v.value()));
                        assertThat(a.unit()).isEqualTo(v.unit());
                        assertThat(a.text()).as("%s of model %d", name, id).isEqualTo(v.text());
                    });
                    assertThat(problems).as("model %d image %d", id, i).containsExactlyElementsOf(decoded.problems());
                    compared += actual.size();
                }
            }
        }
        assertThat(compared).as("points compared").isGreaterThan(50_000);
    }

    @Test
    void aBlockThatNowHoldsAnotherModelIsADecodeFailure() {
        ModelDef def = ModelDef.of(103).orElseThrow();
        CompiledModel compiled = CompiledModel.of(def, new ModelBlock(103, 40_070, 50));
        int[] regs = new int[52];
        regs[0] = 101;
        assertThatThrownBy(() -> compiled.addPoints(regs, new PointMap.Builder(), new ArrayList<>()))
                .isInstanceOf(DecodeFailure.class)
                .hasMessage("model 103 at 40070 now reads as model 101; rediscovering");
    }

    /** A register image: sentinels, extremes and ordinary values; scale factors mostly sane, sometimes not. */
    private static int[] image(ModelDef def, int total, Random rnd) {
        int[] r = new int[total];
        for (int i = 0; i < total; i++) {
            r[i] = switch (rnd.nextInt(8)) {
                case 0 -> 0x8000;
                case 1 -> 0xFFFF;
                case 2 -> 0;
                case 3 -> rnd.nextBoolean() ? 0x7FFF : 1;
                default -> rnd.nextInt(0x10000);
            };
        }
        r[0] = def.id();
        r[1] = total - 2;
        for (PointDef p : def.fixed()) {
            if (p.type() == PointType.SUNSSF) {
                int k = rnd.nextInt(10);
                r[p.offset()] = k == 0 ? 0x8000 : k == 1 ? (rnd.nextInt(40) - 20) & 0xFFFF : (rnd.nextInt(9) - 4) & 0xFFFF;
            }
        }
        return r;
    }
}
