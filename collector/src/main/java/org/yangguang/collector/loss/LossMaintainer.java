package org.yangguang.collector.loss;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.expected.ExpectedEnergy;
import org.yangguang.collector.expected.ExpectedEnergy.Estimate;
import org.yangguang.collector.expected.PerformanceRatio;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.collector.validation.StationRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.yangguang.collector.expected.ExpectedEnergy.BUCKET_MS;

/**
 * Keeps expected energy ({@code expected_5m}) and lost energy per alarm episode and day ({@code alarm_loss}) current,
 * following the rollups they are computed from: each time the rollups of a station's time range are recomputed, so
 * are its expected energy and the losses of the episodes touching it — live while an episode is open (a station
 * gone silent is brought up to the clock every run), final once it has cleared. Everything is read from the
 * 5-minute rollups and the stored alarm events, never from raw telemetry, and recomputing is idempotent, so several
 * collectors may do it and a restart loses nothing (the rollup catch-up after a start brings it along).
 * Blocking work runs on the worker, one run at a time.
 */
public final class LossMaintainer {
    private static final Logger LOG = LoggerFactory.getLogger(LossMaintainer.class);
    /** How far back a raise is looked for when building the episodes that touch a range. */
    static final Duration EPISODE_HORIZON = Duration.ofDays(35);
    /** Data loaded before a range so that its first intervals have a start. */
    static final long LEAD_IN_MS = 3_600_000L;
    /** As far as the rollups' counter differences reach back (RollupStatements.ENERGY_LOOKBACK). */
    static final long GAP_MS = 2 * 86_400_000L;
    private static final int WRITE_CHUNK = 5_000;

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final TelemetryStore store;
    private final LossSchema schema;
    private final StationRegistry registry;
    private final ZoneId zone;
    private final Clock clock;
    private final long shiftMs;
    private final long backdateMs;
    private final Map<String, PerformanceRatio.Result> ratios = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PerformanceRatio.Result> eldest) {
                    return size() > 4_096;
                }
            });
    private final Counter runs;
    private final Counter failures;
    private final Timer duration;
    /** station → [min ts, max ts] rolled up since the last run; event-loop confined. */
    private Map<String, long[]> pending = new HashMap<>();
    private Future<Void> current;
    private long timer = -1;

    /**
     * @param pollInterval the gateways' poll interval: a bucket's last reading is taken about this long before its
     *                     end, which is where its energy's span ends
     * @param offlineAfter the alarm engine's offline window: an offline raise dates its onset this far back, so
     *                     every run recomputes at least twice that before what changed
     */
    public LossMaintainer(Vertx vertx, WorkerExecutor worker, TelemetryStore store, LossSchema schema,
                          StationRegistry registry, ZoneId zone, Clock clock, Duration pollInterval,
                          Duration offlineAfter, MeterRegistry meters) {
        this.vertx = vertx;
        this.worker = worker;
        this.store = store;
        this.schema = schema;
        this.registry = registry;
        this.zone = zone;
        this.clock = clock;
        this.shiftMs = Math.min(BUCKET_MS, pollInterval.toMillis());
        this.backdateMs = Math.max(3_600_000L, 2 * offlineAfter.toMillis());
        this.runs = Counter.builder("yangguang_collector_loss_runs").description("expected/lost energy recomputations").register(meters);
        this.failures = Counter.builder("yangguang_collector_loss_failures").description("expected/lost energy recomputations that failed (retried next run)").register(meters);
        this.duration = Timer.builder("yangguang_collector_loss_duration").description("time of one expected/lost energy run").register(meters);
    }

    public void start(Duration interval) {
        timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> runNow());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Told by the rollups what they just recomputed (on the event loop). */
    public void rolledUp(Map<String, long[]> work) {
        work.forEach((station, r) -> merge(pending, station, r[0], r[1]));
    }

    private static void merge(Map<String, long[]> into, String station, long from, long to) {
        long[] cur = into.computeIfAbsent(station, s -> new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
        cur[0] = Math.min(cur[0], from);
        cur[1] = Math.max(cur[1], to);
    }

    /** Recomputes what is pending, and every station with an open episode up to now; completes on the event loop. */
    public Future<Void> runNow() {
        if (current != null) {
            return current.transform(ar -> runNow());
        }
        Map<String, long[]> work = pending;
        pending = new HashMap<>();
        current = worker.executeBlocking(() -> {
            long started = System.nanoTime();
            run(work);
            duration.record(Duration.ofNanos(System.nanoTime() - started));
            return (Void) null;
        }, false);
        return current.onComplete(ar -> {
            current = null;
            runs.increment();
            if (ar.failed()) {
                failures.increment();
                LOG.warn("expected/lost energy not updated, will retry: {}", ar.cause().getMessage());
                work.forEach((station, r) -> merge(pending, station, r[0], r[1]));
            }
        });
    }

    private void run(Map<String, long[]> work) throws StoreException {
        long now = clock.millis();
        Map<String, long[]> all = new TreeMap<>();
        work.forEach((station, r) -> merge(all, station, r[0], r[1]));
        for (String station : stationsWithOpenEpisodes()) {
            merge(all, station, now - BUCKET_MS, now);
        }
        for (Map.Entry<String, long[]> e : all.entrySet()) {
            recompute(e.getKey(), e.getValue()[0], e.getValue()[1] + 1, now);
        }
    }

    private Set<String> stationsWithOpenEpisodes() throws StoreException {
        Set<String> out = new TreeSet<>();
        for (Series s : store.query("SELECT state FROM " + schema.alarms() + " GROUP BY station, device, type ORDER BY time DESC LIMIT 1")) {
            for (List<Object> row : s.values()) {
                if ("raised".equals(row.get(s.column("state")))) {
                    out.add(s.tags().get("station"));
                }
            }
        }
        return out;
    }

    /** What a range of the station's 5-minute rollups says: each device's counter increases by bucket, and kinds. */
    private record Data(Map<String, NavigableMap<Long, Double>> inverters, Set<String> others) {
    }

    private Data load(String station, long from, long to) throws StoreException {
        Map<String, NavigableMap<Long, Double>> inverters = new TreeMap<>();
        Set<String> others = new HashSet<>();
        for (Series s : store.query("SELECT energy, ac_energy FROM " + schema.rollup5m() + " WHERE station = '" + station
                + "' AND time >= " + from + "ms AND time < " + to + "ms GROUP BY device, kind")) {
            String device = s.tags().get("device");
            if (!"inverter".equals(s.tags().get("kind"))) {
                others.add(device);
                continue;
            }
            NavigableMap<Long, Double> r = inverters.computeIfAbsent(device, d -> new TreeMap<>());
            for (List<Object> row : s.values()) {
                if (row.get(s.column("ac_energy")) instanceof Number) {
                    r.put(((Number) row.get(0)).longValue(),
                            row.get(s.column("energy")) instanceof Number n ? n.doubleValue() : Double.NaN);
                }
            }
        }
        inverters.values().removeIf(Map::isEmpty);
        return new Data(inverters, others);
    }

    /** Each inverter's last reading in [from, to), by device. */
    private Map<String, Long> lastReadings(String station, long from, long to) throws StoreException {
        Map<String, Long> out = new HashMap<>();
        for (Series s : store.query("SELECT last(ac_energy) FROM " + schema.rollup5m() + " WHERE station = '" + station
                + "' AND kind = 'inverter' AND time >= " + from + "ms AND time < " + to + "ms GROUP BY device")) {
            for (List<Object> row : s.values()) {
                out.put(s.tags().get("device"), ((Number) row.get(0)).longValue());
            }
        }
        return out;
    }

    void recompute(String station, long fromMs, long toMs, long now) throws StoreException {
        long lo = ExpectedEnergy.floor(fromMs) - backdateMs;
        long rangeEnd = ExpectedEnergy.floor(toMs - 1) + BUCKET_MS;
        // late data changes the increase of the next bucket that has a reading too, as far as two days on
        long hi = Math.max(rangeEnd, Math.min(ExpectedEnergy.floor(now) + BUCKET_MS, rangeEnd + GAP_MS));
        List<Episode> episodes = Episodes.load(store, schema, station, lo - EPISODE_HORIZON.toMillis(), Math.max(hi, now + 1));
        boolean touched = episodes.stream().anyMatch(e -> e.overlaps(lo, hi));

        Data data = load(station, lo - LEAD_IN_MS, hi);
        Set<String> inverters = new TreeSet<>(data.inverters().keySet());
        registry.devices().stream().filter(d -> d.station().equals(station) && d.kind().equals("inverter"))
                .forEach(d -> inverters.add(d.device()));
        // An inverter whose first reading here has a known increase but no earlier reading loaded was silent across
        // the start: its increase covers a gap that began before, so the range starts where the gap did.
        Set<String> gapped = new TreeSet<>();
        data.inverters().forEach((d, r) -> {
            if (r.firstKey() >= lo && !Double.isNaN(r.firstEntry().getValue())) {
                gapped.add(d);
            }
        });
        long from = lo;
        if (touched || !gapped.isEmpty()) {
            Map<String, Long> before = lastReadings(station, lo - LEAD_IN_MS - GAP_MS, lo - LEAD_IN_MS);
            inverters.addAll(before.keySet());
            long gapStart = gapped.stream().filter(before::containsKey).mapToLong(before::get).min().orElse(Long.MAX_VALUE);
            if (gapStart < lo - LEAD_IN_MS) {
                from = gapStart + BUCKET_MS;
                data = load(station, gapStart - LEAD_IN_MS, hi);
            }
        }
        Set<String> others = new HashSet<>(data.others());
        registry.devices().stream().filter(d -> d.station().equals(station) && !d.kind().equals("inverter"))
                .forEach(d -> others.add(d.device()));

        Map<Episode, Episode.Scope> scopes = new LinkedHashMap<>();
        for (Episode e : episodes) {
            scopes.put(e, e.scope(inverters, others));
        }
        Map<String, List<long[]>> unhealthy = new HashMap<>();
        Set<String> followed = new TreeSet<>();
        boolean open = false;
        long rangeFrom = from;
        for (Map.Entry<Episode, Episode.Scope> e : scopes.entrySet()) {
            Episode ep = e.getKey();
            if (e.getValue() == Episode.Scope.DEVICE) {
                unhealthy.computeIfAbsent(ep.device(), d -> new ArrayList<>()).add(new long[]{ep.firstBucket(), ep.lastBucket()});
            }
            if (e.getValue() != Episode.Scope.NONE && ep.overlaps(rangeFrom, hi)) {
                if (e.getValue() == Episode.Scope.DEVICE) {
                    followed.add(ep.device());
                } else {
                    followed.addAll(inverters); // declared in the registry, or reporting in the two days before
                }
                open |= ep.open();
            }
        }

        ExpectedEnergy.Station place = place(station, inverters);
        ExpectedEnergy expected = new ExpectedEnergy(place, data.inverters(), unhealthy, shiftMs);
        List<Estimate> estimates = expected.estimate(from, hi, open ? hi : Long.MIN_VALUE, followed,
                b -> ratio(place, b));
        List<Sample> rows = new ArrayList<>(estimates.size());
        estimates.forEach(e -> rows.add(LossSchema.sample(station, e)));
        write(schema.expectedPolicy(), rows);

        Set<Episode> report = new HashSet<>();
        scopes.forEach((ep, scope) -> {
            if (scope != Episode.Scope.NONE && ep.overlaps(rangeFrom, hi)) {
                report.add(ep);
            }
        });
        if (!report.isEmpty()) {
            losses(station, scopes, report, from, hi, now);
        }
    }

    private ExpectedEnergy.Station place(String station, Set<String> inverters) {
        StationRegistry.Station declared = registry.station(station).orElse(null);
        Map<String, Double> kwp = new HashMap<>();
        for (String d : inverters) {
            double k = registry.device(station, d).map(StationRegistry.Device::kwp).orElse(0.0);
            kwp.put(d, k > 0 ? k : Double.NaN);
        }
        // a station that declares only its total: its inverters are taken as equal shares of it
        if (declared != null && declared.kwp() > 0 && !inverters.isEmpty() && kwp.values().stream().allMatch(k -> k.isNaN())) {
            inverters.forEach(d -> kwp.put(d, declared.kwp() / inverters.size()));
        }
        return new ExpectedEnergy.Station(station, declared == null ? Double.NaN : declared.lat(),
                declared == null ? Double.NaN : declared.lon(), kwp);
    }

    /** The station's performance ratio for the local day of a bucket, from the week before (cached per day). */
    private PerformanceRatio.Result ratio(ExpectedEnergy.Station place, long bucket) {
        LocalDate day = Instant.ofEpochMilli(bucket).atZone(zone).toLocalDate();
        String key = place.id() + "|" + day;
        PerformanceRatio.Result cached = ratios.get(key);
        if (cached != null) {
            return cached;
        }
        long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long from = day.minusDays(PerformanceRatio.WINDOW_DAYS).atStartOfDay(zone).toInstant().toEpochMilli();
        try {
            Data history = load(place.id(), from - LEAD_IN_MS, dayStart);
            Map<String, List<long[]>> unhealthy = new HashMap<>();
            List<Episode> episodes = Episodes.load(store, schema, place.id(), from - EPISODE_HORIZON.toMillis(), dayStart);
            Set<String> inverters = new HashSet<>(place.kwp().keySet());
            inverters.addAll(history.inverters().keySet());
            for (Episode e : episodes) {
                if (e.scope(inverters, history.others()) == Episode.Scope.DEVICE) {
                    unhealthy.computeIfAbsent(e.device(), d -> new ArrayList<>()).add(new long[]{e.firstBucket(), e.lastBucket()});
                }
            }
            double[] sums = new ExpectedEnergy(place, history.inverters(), unhealthy, shiftMs).healthyDaylight(from, dayStart);
            double kwp = place.kwp().values().stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).sum();
            PerformanceRatio.Result r = PerformanceRatio.of(place.id(), day, sums, kwp);
            ratios.put(key, r);
            return r;
        } catch (StoreException e) {
            // not cached: the next run asks again
            return new PerformanceRatio.Result(null, "the history to know the performance ratio could not be read (" + e.getMessage() + ")");
        }
    }

    /** Recomputes the days of [from, hi) of each reported episode from the stored expected energy of whole days. */
    private void losses(String station, Map<Episode, Episode.Scope> scopes, Set<Episode> report, long from, long hi,
                        long now) throws StoreException {
        Set<LocalDate> days = new TreeSet<>();
        // an episode reaches back over the shortfall before its onset, possibly into the day before
        LocalDate first = Instant.ofEpochMilli(from - Attribution.MAX_EXTENSION_MS).atZone(zone).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(hi - 1).atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        long loadFrom = first.atStartOfDay(zone).toInstant().toEpochMilli();
        if (report.stream().anyMatch(Episode::open)) {
            loadFrom = Math.min(loadFrom, ExpectedEnergy.floor(now - 86_400_000L));
        }
        long loadTo = last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<String, NavigableMap<Long, Estimate>> rows = new HashMap<>();
        for (Series s : store.query("SELECT expected, actual, method, basis, peers, note FROM " + schema.expected()
                + " WHERE station = '" + station + "' AND time >= " + loadFrom + "ms AND time < " + loadTo + "ms GROUP BY device")) {
            String device = s.tags().get("device");
            NavigableMap<Long, Estimate> byBucket = rows.computeIfAbsent(device, d -> new TreeMap<>());
            for (List<Object> row : s.values()) {
                Estimate e = LossSchema.estimate(device, s, row);
                byBucket.put(e.bucket(), e);
            }
        }
        List<Sample> out = new ArrayList<>();
        for (Attribution.DayLoss d : Attribution.compute(scopes, rows, report, days, zone, now)) {
            out.add(LossSchema.sample(d, d.date().atStartOfDay(zone).toInstant().toEpochMilli(),
                    d.date().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()));
        }
        write(schema.lossPolicy(), out);
    }

    private void write(String policy, List<Sample> samples) throws StoreException {
        for (int i = 0; i < samples.size(); i += WRITE_CHUNK) {
            store.write(policy, samples.subList(i, Math.min(samples.size(), i + WRITE_CHUNK)));
        }
    }
}
