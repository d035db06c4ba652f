package org.yangguang.gateway.sunspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Splits a model block into the fewest requests of at most {@code maxRegisters} such that no point is split
 * and every scaled value travels in the same request as its scale factor. Most models fit one request
 * (103: 52 registers); 701 (155) needs two.
 */
public final class ModelReadPlan {
    /** A request relative to the model's ID register. */
    public record Span(int offset, int count) {
    }

    private ModelReadPlan() {
    }

    public static List<Span> plan(ModelDef def, int totalRegisters, int maxRegisters) {
        if (totalRegisters <= maxRegisters) {
            return List.of(new Span(0, totalRegisters));
        }
        Map<String, PointDef> byName = def.fixed().stream().collect(Collectors.toMap(PointDef::name, Function.identity(), (a, b) -> a));
        List<Span> out = new ArrayList<>();
        int start = 0;
        int end = 0;
        for (PointDef p : def.fixed()) {
            int pEnd = p.offset() + p.size();
            int need = pEnd;
            int needStart = p.offset();
            PointDef sf = p.sf() == null ? null : byName.get(p.sf());
            if (sf != null && Math.max(need, sf.offset() + 1) - Math.min(needStart, sf.offset()) <= maxRegisters) {
                need = Math.max(need, sf.offset() + 1);
                needStart = Math.min(needStart, sf.offset());
            }
            // else: a link limit so small that a value and its scale factor cannot share a request (701 with
            // 64-register loggers); they are read in neighbouring requests, the best the device allows.
            if (Math.max(end, need) - Math.min(start, needStart) <= maxRegisters) {
                end = Math.max(end, need);
                start = Math.min(start, needStart);
            } else {
                out.add(new Span(start, end - start));
                start = needStart;
                end = need;
            }
        }
        // Repeating groups (model 160): whole repetitions, each group's scale factors are in the fixed block,
        // which the first span always covers when the model is this long only through repetitions.
        int rest = Math.min(end, totalRegisters);
        if (def.repeatSize() > 0 && totalRegisters > def.fixedSize()) {
            out.add(new Span(start, rest - start));
            int per = Math.max(1, maxRegisters / def.repeatSize()) * def.repeatSize();
            for (int at = def.fixedSize(); at < totalRegisters; at += per) {
                out.add(new Span(at, Math.min(per, totalRegisters - at)));
            }
            return merge(out, maxRegisters);
        }
        out.add(new Span(start, Math.min(end, totalRegisters) - start));
        if (end < totalRegisters) {
            out.add(new Span(end, totalRegisters - end));
        }
        return merge(out, maxRegisters);
    }

    private static List<Span> merge(List<Span> spans, int max) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            if (s.count() <= 0) {
                continue;
            }
            if (!out.isEmpty()) {
                Span last = out.get(out.size() - 1);
                if (last.offset() + last.count() == s.offset() && last.count() + s.count() <= max) {
                    out.set(out.size() - 1, new Span(last.offset(), last.count() + s.count()));
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }
}
