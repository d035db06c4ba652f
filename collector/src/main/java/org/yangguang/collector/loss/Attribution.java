package org.yangguang.collector.loss;

import org.yangguang.collector.expected.ExpectedEnergy;
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
 * once, and a station's or a month's total is the plain sum.
 *
 * <p>An inverter's episode begins at its alarm's onset, or earlier where the data says the shortfall began earlier:
 * it is extended back over the unbroken run of buckets just before, up to {@link #MAX_EXTENSION_MS}, in which the
 * inverter made less than {@link #SHORT} of its expected energy. The alarm engine raises only after hysteresis and
 * judges a device's readings in the order they were stored, which concurrent writes can change (a reading stored
 * after a later one is history to it), so its onset can come a few readings late; the energy was lost all the same.
 *
 * <p>Where nothing is known of what an inverter produced
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

    /** How far back the shortfall before an alarm's onset is added to its episode. */
    public static final long MAX_EXTENSION_MS = 6 * 3_600_000L;
    /** Below this share of its expected energy an inverter is short (the underperforming alarm's raise level). */
    static final double SHORT = 0.7;

    /** The method of a day none of whose buckets was charged to the episode (a more specific one took them). */
    public static final String NONE = "none";
    /** The method of a day, or an episode, priced partly by peers and partly by the model. */
    public static final String MIXED = "mixed";

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
        Map<Episode, Long> starts = starts(candidates, scopes, rows);
        Map<Episode, Map<LocalDate, Sums>> sums = new LinkedHashMap<>();
        Map<Episode, Double> last24h = new LinkedHashMap<>();
        rows.forEach((device, byBucket) -> byBucket.forEach((bucket, e) -> {
            Episode owner = owner(candidates, scopes, starts, device, bucket);
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
                    long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
                    long dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
                    if (starts.getOrDefault(ep, ep.firstBucket()) >= dayEnd || ep.lastBucket() < dayStart) {
                        continue;
                    }
                    s = new Sums(); // covered but nothing attributed (outranked, or no rows yet): say so with zeros
                }
                long lost = Math.max(0, Math.round(s.lost));
                out.add(new DayLoss(ep, day, lost, s.expected, s.actual, Math.min(s.unconfirmed, lost), s.modelled,
                        s.unpriced, method(s.reference, s.model, s.unpriced > 0), s.note,
                        Math.max(0, Math.round(last24h.getOrDefault(ep, 0.0)))));
            }
        }
        return out;
    }

    /** How an episode's expectation was had, over a day or several: from what its buckets' methods were. */
    static String method(boolean reference, boolean modelled, boolean unpriced) {
        if (!modelled && !reference) {
            return unpriced ? Method.UNAVAILABLE.code() : NONE; // another episode took every bucket
        }
        if (modelled && reference) {
            return MIXED;
        }
        return modelled ? Method.MODELLED.code() : Method.REFERENCE.code();
    }

    /** The episode a bucket of an inverter is charged to: the first (most specific, earliest) that covers it. */
    static Episode owner(List<Episode> ranked, Map<Episode, Episode.Scope> scopes, Map<Episode, Long> starts,
                         String device, long bucket) {
        for (Episode e : ranked) {
            if (bucket >= starts.get(e) && bucket <= e.lastBucket()
                    && (scopes.get(e) == Episode.Scope.STATION || e.device().equals(device))) {
                return e;
            }
        }
        return null;
    }

    /**
     * Each episode's first bucket: its onset's, or earlier over the inverter's shortfall just before it — but never into
     * an earlier episode of the same inverter, which owns its own shortfall.
     */
    static Map<Episode, Long> starts(List<Episode> episodes, Map<Episode, Episode.Scope> scopes,
                                     Map<String, NavigableMap<Long, Estimate>> rows) {
        Map<Episode, Long> out = new java.util.HashMap<>();
        for (Episode e : episodes) {
            long first = e.firstBucket();
            NavigableMap<Long, Estimate> r = rows.get(e.device());
            if (scopes.get(e) == Episode.Scope.DEVICE && r != null) {
                for (long k = first - ExpectedEnergy.BUCKET_MS; k >= e.firstBucket() - MAX_EXTENSION_MS; k -= ExpectedEnergy.BUCKET_MS) {
                    long bucket = k;
                    Estimate x = r.get(k);
                    boolean earlier = episodes.stream().anyMatch(o -> o.device().equals(e.device())
                            && scopes.get(o) == Episode.Scope.DEVICE && o.lastBucket() < e.firstBucket() && o.covers(bucket));
                    if (x == null || !isShort(x) || earlier) {
                        break;
                    }
                    first = k;
                }
            }
            out.put(e, first);
        }
        return out;
    }

    private static boolean isShort(Estimate x) {
        return x.expectedWh() != null && x.expectedWh() > 0
                && (x.actualWh() == null || x.actualWh() < SHORT * x.expectedWh());
    }
}
