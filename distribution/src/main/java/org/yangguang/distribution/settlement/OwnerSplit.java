package org.yangguang.distribution.settlement;

import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.ShareSplit;
import org.yangguang.distribution.registry.Owners;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a receipt's net money reaches its owners (pure, so the split can be replayed exactly): the net is first split
 * among the stretches of its energy period that have different share sets, by their metered energy (or their days
 * where telemetry is missing: issue 12 §4), earlier stretch first on a tie; then each stretch's amount by its set:
 * villages by id, the county pool, and the rest (parties outside the registry). All through {@link ShareSplit}.
 */
record OwnerSplit(Map<String, Long> villages, long pool, long rest, String basis) {

    /** Weighs the stretches: by energy when every stretch has a reading and some energy, else by days. */
    static List<BigDecimal> weights(List<Owners> stretches, List<Long> energyWh) {
        List<BigDecimal> w = new ArrayList<>();
        boolean byEnergy = energyWh != null && energyWh.stream().mapToLong(Long::longValue).sum() > 0;
        for (int i = 0; i < stretches.size(); i++) {
            w.add(BigDecimal.valueOf(byEnergy ? energyWh.get(i) : stretches.get(i).days()));
        }
        return w;
    }

    static OwnerSplit of(long net, List<Owners> stretches, List<BigDecimal> weights, String basis) {
        List<Fen> perStretch = stretches.size() == 1 ? List.of(Fen.of(net))
                : ShareSplit.byWeights(Fen.of(net), weights);
        Map<String, Long> villages = new LinkedHashMap<>();
        long pool = 0;
        long rest = 0;
        for (int i = 0; i < stretches.size(); i++) {
            Owners o = stretches.get(i);
            ShareSplit.Result r = ShareSplit.split(perStretch.get(i), o.parts(), o.whole());
            for (int k = 0; k < o.villages().size(); k++) {
                villages.merge(o.villages().get(k).code(), r.part(k).value(), Math::addExact);
            }
            if (o.poolParts() > 0) {
                pool = Math.addExact(pool, r.part(o.villages().size()).value());
            }
            rest = Math.addExact(rest, r.rest().value());
        }
        List<Fen> all = new ArrayList<>();
        villages.values().forEach(v -> all.add(Fen.of(v)));
        all.add(Fen.of(pool));
        all.add(Fen.of(rest));
        Conservation.require(Fen.of(net), all, "receipt split among owners");
        return new OwnerSplit(villages, pool, rest, stretches.size() == 1 ? "one share set" : basis);
    }
}
