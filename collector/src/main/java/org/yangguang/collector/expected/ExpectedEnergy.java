package org.yangguang.collector.expected;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each inverter of one station should have produced, 5-minute bucket by bucket, beside what it did produce.
 *
 * <p><b>Reference method first</b> (meteocontrol's "reference component", IEC TS 61724-3): the median specific yield
 * (Wh per kWp) of the station's <em>healthy</em> other inverters over the same interval × this inverter's kWp. A
 * peer is healthy for an interval when it reported at both ends of it (its counter covers exactly that span), no
 * alarm episode of its own covers it, and it is not dark while the clear sky would have lit it (an inverter making
 * exactly nothing in daylight is broken, not clouded: even overcast gives diffuse light).
 *
 * <p><b>Modelled</b> where no healthy peer is left (the whole station dark, a one-inverter station): the clear-sky
 * yield at the station's coordinates ({@link ClearSkyYield}) × kWp × the station's own recent performance ratio
 * ({@link PerformanceRatio}). <b>Unavailable</b> where neither works, with the reason (no coordinates, no kWp, no
 * history): never a silent zero.
 *
 * <p>Intervals, not buckets, are compared. A bucket's energy is its counter's increase since the device's previous
 * reading, so after a gap (a dead link, a gateway outage) one bucket holds the energy of the whole gap. The station's
 * intervals run between consecutive buckets in which any inverter reported; an inverter that reported at both ends of
 * one is compared directly, and one whose reading spans several (it missed polls) has that energy spread over them in
 * proportion to its expected energy ("apportioned"). A station silent as a whole is one long interval: its inverters
 * are compared over it as they would be over five minutes, so a gateway outage during which the inverters kept
 * producing costs nothing, and a station that really was dark is modelled. Each interval is finally spread over its
 * buckets by the clear-sky shape, so every bucket of every inverter has a row.
 *
 * <p>Buckets are labelled like the rollups: the bucket holding the interval's last reading. Pure: the caller loads
 * the data ({@code loss.LossMaintainer}).
 */
public final class ExpectedEnergy {
    public static final long BUCKET_MS = 300_000L;
    /**
     * Clear-sky yield over an interval (Wh per kWp) above which making nothing means dark, not clouded: about five
     * minutes with the sun 13° up, where the zero-output alarm starts judging (15°).
     */
    static final double DARK_WH_PER_KWP = 15;

    public enum Method {
        REFERENCE("reference"), MODELLED("modelled"), UNAVAILABLE("unavailable");

        private final String code;

        Method(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Method of(String code) {
            for (Method m : values()) {
                if (m.code.equals(code)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown method '" + code + "'");
        }
    }

    /** How the actual energy of a bucket is known. */
    public enum Basis {
        /** the inverter's counter at both ends of the interval */
        MEASURED("measured"),
        /** the inverter missed polls: the increase over its gap, spread over the gap by expected energy */
        APPORTIONED("apportioned"),
        /** no reading yet after this bucket (a silent inverter): nobody knows yet what it produced */
        UNKNOWN("unknown");

        private final String code;

        Basis(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Basis of(String code) {
            for (Basis b : values()) {
                if (b.code.equals(code)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown basis '" + code + "'");
        }
    }

    /**
     * One inverter in one bucket. {@code expectedWh} is null when unavailable ({@code note} says why), {@code actualWh}
     * null when unknown; {@code peers} is how many healthy peers the reference median had.
     */
    public record Estimate(String device, long bucket, Double expectedWh, Double actualWh, Method method, int peers,
                           Basis basis, String note) {
    }

    /** A station: coordinates (NaN when the registry has none) and each inverter's kWp (NaN when not declared). */
    public record Station(String id, double lat, double lon, Map<String, Double> kwp) {
        boolean located() {
            return Double.isFinite(lat) && Double.isFinite(lon);
        }
    }

    /** The station's performance ratio for the day of a bucket, or why there is none. */
    public interface PerformanceRatios {
        PerformanceRatio.Result at(long bucket);
    }

    private final Station station;
    private final Map<String, NavigableMap<Long, Double>> readings;
    private final Map<String, List<long[]>> unhealthy;
    private final long shiftMs;
    private final boolean equalWeights;
    private final TreeSet<Long> grid = new TreeSet<>();
    private final Map<Long, Double> clearSky = new HashMap<>();

    /**
     * @param readings  per inverter: bucket → Wh since its previous reading, for every bucket in which it reported
     *                  (NaN when the increase is not known, e.g. its first reading in the loaded range)
     * @param unhealthy per inverter: [first bucket, last bucket] of each of its alarm episodes (last = MAX_VALUE
     *                  while open)
     * @param shiftMs   how long before a bucket's end its last reading is taken (the poll interval, at most five
     *                  minutes): a bucket's energy runs from the previous bucket's last reading to its own, and the
     *                  clear sky is integrated over that span
     */
    public ExpectedEnergy(Station station, Map<String, NavigableMap<Long, Double>> readings,
                          Map<String, List<long[]>> unhealthy, long shiftMs) {
        this.station = station;
        this.readings = readings;
        this.unhealthy = unhealthy;
        this.shiftMs = Math.max(0, Math.min(BUCKET_MS, shiftMs));
        Set<String> devices = new TreeSet<>(readings.keySet());
        devices.addAll(station.kwp().keySet());
        this.equalWeights = devices.stream().noneMatch(d -> Double.isFinite(station.kwp().getOrDefault(d, Double.NaN)));
        readings.values().forEach(r -> grid.addAll(r.keySet()));
    }

    /** kWp, or 1 for every inverter of a station that declares none (they are then compared as equals). */
    private double weight(String device) {
        if (equalWeights) {
            return 1;
        }
        Double w = station.kwp().get(device);
        return w == null || !(w > 0) ? Double.NaN : w;
    }

    /** Clear-sky Wh per kWp of one bucket (from its previous bucket's last reading to its own); NaN unlocated. */
    double clearSky(long bucket) {
        if (!station.located()) {
            return Double.NaN;
        }
        return clearSky.computeIfAbsent(bucket, b -> ClearSkyYield.whPerKwp(station.lat(), station.lon(),
                b - shiftMs, b + BUCKET_MS - shiftMs));
    }

    /** Clear-sky Wh per kWp over the interval (a, b] of bucket labels. */
    private double clearSky(long a, long b) {
        double sum = 0;
        for (long k = a + BUCKET_MS; k <= b; k += BUCKET_MS) {
            sum += clearSky(k);
        }
        return sum;
    }

    private boolean covered(String device, long a, long b) {
        for (long[] e : unhealthy.getOrDefault(device, List.of())) {
            if (e[0] <= b && e[1] > a) {
                return true; // the episode touches one of the interval's buckets a+5m .. b
            }
        }
        return false;
    }

    /** The inverter's increase over exactly (a, b], or NaN when it did not report at both ends. */
    private double aligned(String device, long a, long b) {
        NavigableMap<Long, Double> r = readings.get(device);
        if (r == null || !r.containsKey(a) || !r.containsKey(b)) {
            return Double.NaN;
        }
        Double e = r.get(b);
        return e == null ? Double.NaN : e;
    }

    /** Healthy peers' specific yield (Wh per kWp) over (a, b], by device. */
    private Map<String, Double> healthy(long a, long b) {
        Map<String, Double> out = new TreeMap<>();
        double sky = clearSky(a, b);
        for (String d : readings.keySet()) {
            double e = aligned(d, a, b);
            double w = weight(d);
            if (Double.isNaN(e) || Double.isNaN(w) || covered(d, a, b)) {
                continue;
            }
            if (e <= 0 && sky >= DARK_WH_PER_KWP) {
                continue; // nothing at all in daylight: broken or cut off, not clouded
            }
            out.put(d, e / w);
        }
        return out;
    }

    private static double medianWithout(Map<String, Double> yields, String device) {
        List<Double> v = new ArrayList<>();
        yields.forEach((d, y) -> {
            if (!d.equals(device)) {
                v.add(y);
            }
        });
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** One inverter over one interval, before it is spread over buckets. */
    private record Share(Double expected, Method method, int peers, String note) {
    }

    /**
     * Estimates for every inverter (those with readings and {@code alsoDevices}) and every bucket in
     * [fromBucket, toBucket). Where the station has no reading after its last one up to {@code trailingTo} (an open
     * outage), those buckets are estimated too, as one interval without peers.
     */
    public List<Estimate> estimate(long fromBucket, long toBucket, long trailingTo, Set<String> alsoDevices,
                                   PerformanceRatios ratios) {
        List<long[]> intervals = new ArrayList<>();
        Long previous = null;
        for (long t : grid) {
            if (previous != null) {
                intervals.add(new long[]{previous, t});
            }
            previous = t;
        }
        if (previous != null && trailingTo > previous && floor(trailingTo - 1) > previous) {
            intervals.add(new long[]{previous, floor(trailingTo - 1)});
        }
        Set<String> devices = new TreeSet<>(readings.keySet());
        devices.addAll(alsoDevices);

        // expected per device per interval (all of them: apportioning a gap needs those outside the range too)
        Map<String, Share[]> shares = new HashMap<>();
        for (String d : devices) {
            shares.put(d, new Share[intervals.size()]);
        }
        for (int i = 0; i < intervals.size(); i++) {
            long a = intervals.get(i)[0];
            long b = intervals.get(i)[1];
            if (b < fromBucket - 2 * 86_400_000L || a >= toBucket) {
                continue;
            }
            Map<String, Double> peers = healthy(a, b);
            for (String d : devices) {
                shares.get(d)[i] = expected(d, a, b, peers, ratios);
            }
        }

        List<Estimate> out = new ArrayList<>();
        for (String d : devices) {
            Share[] s = shares.get(d);
            double[] actual = actuals(d, intervals, s);
            // an inverter is followed from its first reading on, or throughout when an alarm episode needs it
            long since = alsoDevices.contains(d) || !readings.containsKey(d) ? Long.MIN_VALUE : readings.get(d).firstKey();
            for (int i = 0; i < intervals.size(); i++) {
                long a = intervals.get(i)[0];
                long b = intervals.get(i)[1];
                if (b < fromBucket || a + BUCKET_MS >= toBucket || s[i] == null || a < since) {
                    continue;
                }
                spread(out, d, a, b, s[i], actual[i], actualBasis(d, a, b, actual[i]), fromBucket, toBucket);
            }
        }
        return out;
    }

    private Share expected(String d, long a, long b, Map<String, Double> peers, PerformanceRatios ratios) {
        double w = weight(d);
        int n = peers.size() - (peers.containsKey(d) ? 1 : 0);
        if (Double.isNaN(w)) {
            return new Share(null, Method.UNAVAILABLE, n, "no kWp declared for " + d + " in the registry (its peers do"
                    + " declare theirs): its share of their yield is unknown");
        }
        if (n > 0) {
            return new Share(medianWithout(peers, d) * w, Method.REFERENCE, n, null);
        }
        if (!station.located()) {
            return new Share(null, Method.UNAVAILABLE, 0, "no healthy peer inverter, and no coordinates for station "
                    + station.id() + " in the registry to model the clear sky");
        }
        if (equalWeights) {
            return new Share(null, Method.UNAVAILABLE, 0, "no healthy peer inverter, and no kWp declared for the"
                    + " inverters of " + station.id() + " in the registry to scale the clear sky by");
        }
        PerformanceRatio.Result pr = ratios.at(b);
        if (pr.ratio() == null) {
            return new Share(null, Method.UNAVAILABLE, 0, "no healthy peer inverter, and " + pr.missing());
        }
        return new Share(clearSky(a, b) * w * pr.ratio(), Method.MODELLED, 0, null);
    }

    /**
     * The inverter's actual energy per interval: measured where it reported at both ends, apportioned over the
     * intervals a longer reading of it spans, NaN where it has no reading after the interval yet.
     */
    private double[] actuals(String d, List<long[]> intervals, Share[] s) {
        double[] out = new double[intervals.size()];
        java.util.Arrays.fill(out, Double.NaN);
        NavigableMap<Long, Double> r = readings.getOrDefault(d, new TreeMap<>());
        int i = 0;
        while (i < intervals.size()) {
            long a = intervals.get(i)[0];
            Long from = r.floorKey(a);
            Long to = r.ceilingKey(intervals.get(i)[1]);
            if (from == null || to == null || r.get(to) == null || Double.isNaN(r.get(to))) {
                i++;
                continue;
            }
            int j = i; // the intervals (from, to] spans: i .. j
            while (j + 1 < intervals.size() && intervals.get(j)[1] < to) {
                j++;
            }
            int first = i;
            while (first > 0 && intervals.get(first)[0] > from) {
                first--;
            }
            apportion(r.get(to), intervals, s, first, j, out);
            i = j + 1;
        }
        return out;
    }

    /** Spreads {@code wh} over intervals first..last by expected energy, else by the clear sky, else by length. */
    private void apportion(double wh, List<long[]> intervals, Share[] s, int first, int last, double[] out) {
        double[] weights = new double[last - first + 1];
        boolean ok = true;
        for (int k = first; k <= last; k++) {
            Double e = s[k] == null ? null : s[k].expected();
            ok &= e != null && e >= 0;
            weights[k - first] = ok ? e : 0;
        }
        if (!ok || sum(weights) <= 0) {
            ok = true;
            for (int k = first; k <= last; k++) {
                double c = clearSky(intervals.get(k)[0], intervals.get(k)[1]);
                ok &= !Double.isNaN(c);
                weights[k - first] = ok ? c : 0;
            }
        }
        if (!ok || sum(weights) <= 0) {
            for (int k = first; k <= last; k++) {
                weights[k - first] = intervals.get(k)[1] - intervals.get(k)[0];
            }
        }
        double total = sum(weights);
        for (int k = first; k <= last; k++) {
            out[k] = wh * weights[k - first] / total;
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private Basis actualBasis(String d, long a, long b, double actual) {
        if (Double.isNaN(actual)) {
            return Basis.UNKNOWN;
        }
        return Double.isNaN(aligned(d, a, b)) ? Basis.APPORTIONED : Basis.MEASURED;
    }

    /** One row per bucket of (a, b] in range, the interval's figures shared by the clear sky (else evenly). */
    private void spread(List<Estimate> out, String d, long a, long b, Share s, double actual, Basis basis,
                        long fromBucket, long toBucket) {
        int n = (int) ((b - a) / BUCKET_MS);
        double sky = clearSky(a, b);
        for (long k = a + BUCKET_MS; k <= b; k += BUCKET_MS) {
            if (k < fromBucket || k >= toBucket) {
                continue;
            }
            double part = n == 1 ? 1 : sky > 0 ? clearSky(k) / sky : 1.0 / n;
            out.add(new Estimate(d, k, s.expected() == null ? null : s.expected() * part,
                    Double.isNaN(actual) ? null : actual * part, s.method(), s.peers(), basis, s.note()));
        }
    }

    /**
     * Over (from, to]: healthy inverters' energy and clear-sky energy (Wh; each bucket's clear sky × the inverter's
     * kWp) in daylight intervals, for the station's performance ratio.
     */
    public double[] healthyDaylight(long from, long to) {
        double[] sums = new double[2];
        if (!station.located() || equalWeights) {
            return sums;
        }
        Long previous = null;
        for (long t : grid.subSet(from, true, to, true)) {
            if (previous != null) {
                double sky = clearSky(previous, t);
                if (sky >= DARK_WH_PER_KWP) {
                    for (Map.Entry<String, Double> p : healthy(previous, t).entrySet()) {
                        double w = weight(p.getKey());
                        sums[0] += p.getValue() * w;
                        sums[1] += sky * w;
                    }
                }
            }
            previous = t;
        }
        return sums;
    }

    public static long floor(long ms) {
        return Math.floorDiv(ms, BUCKET_MS) * BUCKET_MS;
    }
}
