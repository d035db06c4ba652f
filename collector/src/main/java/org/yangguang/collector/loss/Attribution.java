package org.yangguang.collector.loss;

import org.yangguang.collector.expected.ExpectedEnergy.Basis;
import org.yangguang.collector.expected.ExpectedEnergy.Estimate;
import org.yangguang.collector.expected.ExpectedEnergy.Method;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Lost energy per alarm episode and local day: Σ (expected − actual) over the buckets of each inverter the episode
 * covers, each bucket given to exactly one episode — the most specific cause ({@link Episode#PRIORITY}), then the
 * earliest — so a fault that also shows as zero output, or an inverter fault inside a gateway outage, is counted
 * once, and a station's or a month's total is the plain sum. Where nothing is known of what an inverter produced
 * (silent, not reporting yet) the whole expected energy counts as lost and is said to be unconfirmed; where no
 * expectation exists the bucket is unpriced and counted, with the reason. Days are local days of the station's zone,
 * so a month or a tariff period is a sum of whole days. Pure: {@link LossMaintainer} loads and stores.
 */
public final class Attribution {
    /** One episode on one local day. {@code lostWh} is whole Wh and never negative. */
    public record DayLoss(Episode episode, LocalDate date, long lostWh, double expectedWh, double actualWh,
                          double unconfirmedWh, double modelledWh, int unpricedBuckets, String method, String note,
                          long last24hWh) {
    }

    private static final class Sums {
        double lost;
        double expected;
        double actual;
        double unconfirmed;
        double modelled;
        int unpriced;
        boolean reference;
        boolean model;
        String note;
    }

    /** The method of a day none of whose buckets was charged to the episode (a more specific one took them). */
    public static final String NONE = "none";

    private Attribution() {
    }

    /**
     * @param scopes    every episode of the station overlapping the rows, with its scope (all take part in the
     *                  choice of a bucket's cause)
     * @param rows      per inverter, its estimates by bucket
     * @param report    the episodes whose days are wanted
     * @param days      the local days wanted
     * @param nowMs     for each open episode's loss over the last 24 hours (the repair queue's rate)
     */
    public static List<DayLoss> compute(Map<Episode, Episode.Scope> scopes, Map<String, NavigableMap<Long, Estimate>> rows,
                                        Set<Episode> report, Set<LocalDate> days, ZoneId zone, long nowMs) {
        List<Episode> candidates = new ArrayList<>(scopes.keySet());
        candidates.removeIf(e -> scopes.get(e) == Episode.Scope.NONE);
        candidates.sort(Comparator.comparingInt(Episode::rank).thenComparingLong(Episode::since));
        Map<Episode, Map<LocalDate, Sums>> sums = new LinkedHashMap<>();
        Map<Episode, Double> last24h = new LinkedHashMap<>();
        rows.forEach((device, byBucket) -> byBucket.forEach((bucket, e) -> {
            Episode owner = owner(candidates, scopes, device, bucket);
            if (owner == null || !report.contains(owner)) {
                return;
            }
            LocalDate day = Instant.ofEpochMilli(bucket).atZone(zone).toLocalDate();
            double deficit = e.expectedWh() == null ? 0 : e.expectedWh() - (e.actualWh() == null ? 0 : e.actualWh());
            if (bucket > nowMs - 86_400_000L && bucket <= nowMs && owner.open()) {
                last24h.merge(owner, deficit, Double::sum);
            }
            if (!days.contains(day)) {
                return;
            }
            Sums s = sums.computeIfAbsent(owner, k -> new LinkedHashMap<>()).computeIfAbsent(day, k -> new Sums());
            if (e.expectedWh() == null) {
                s.unpriced++;
                s.note = e.note();
                return;
            }
            s.lost += deficit;
            s.expected += e.expectedWh();
            if (e.actualWh() != null) {
                s.actual += e.actualWh();
            }
            if (e.basis() == Basis.UNKNOWN) {
                s.unconfirmed += e.expectedWh();
            }
            if (e.method() == Method.MODELLED) {
                s.modelled += e.expectedWh();
                s.model = true;
            } else {
                s.reference = true;
            }
        }));
        List<DayLoss> out = new ArrayList<>();
        for (Episode ep : report) {
            for (LocalDate day : days) {
                Sums s = sums.getOrDefault(ep, Map.of()).get(day);
                if (s == null) {
                    if (!ep.overlaps(day.atStartOfDay(zone).toInstant().toEpochMilli(),
                            day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli())) {
                        continue;
                    }
                    s = new Sums(); // covered but nothing attributed (outranked, or no rows yet): say so with zeros
                }
                long lost = Math.max(0, Math.round(s.lost));
                out.add(new DayLoss(ep, day, lost, s.expected, s.actual, Math.min(s.unconfirmed, lost), s.modelled,
                        s.unpriced, method(s), s.note, Math.max(0, Math.round(last24h.getOrDefault(ep, 0.0)))));
            }
        }
        return out;
    }

    private static String method(Sums s) {
        if (!s.model && !s.reference) {
            return s.unpriced > 0 ? Method.UNAVAILABLE.code() : NONE; // another episode took every bucket
        }
        if (s.model && s.reference) {
            return "mixed";
        }
        return s.model ? Method.MODELLED.code() : Method.REFERENCE.code();
    }

    /** The episode a bucket of an inverter is charged to: the first (most specific, earliest) that covers it. */
    static Episode owner(List<Episode> ranked, Map<Episode, Episode.Scope> scopes, String device, long bucket) {
        for (Episode e : ranked) {
            if (e.covers(bucket) && (scopes.get(e) == Episode.Scope.STATION || e.device().equals(device))) {
                return e;
            }
        }
        return null;
    }
}
