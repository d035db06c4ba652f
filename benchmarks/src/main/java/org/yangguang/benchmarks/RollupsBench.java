package org.yangguang.benchmarks;

import org.yangguang.collector.expected.ClearSkyYield;
import org.yangguang.collector.rollup.RollupMaintainer;
import org.yangguang.collector.rollup.RollupStatements;
import org.yangguang.collector.rollup.StationReports;
import org.yangguang.collector.storage.InfluxV1Store;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.contract.sun.SolarPosition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code ./yangguang bench rollups [--inverters 1000] [--per-station 10] [--days 365] [--step-s 60] [--repeat 7]}:
 * a year of one-minute telemetry for a county's inverters in InfluxDB, rolled up by the collector's own rollup
 * statements, then a station's daily yield for a month and for a year asked two ways in the same run — the
 * production query over the daily rollup ({@link StationReports#days}, what the API and a closed month's revenue
 * use) and the same answer computed from the raw readings (each inverter's last counter reading per local day,
 * differenced) — with the time of each, their ratio, and a check that both give the same Wh for every day.
 * Queries alternate between the two paths and go to a different station each repetition, so neither path finds the
 * other's data in the page cache.
 */
public final class RollupsBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double LAT = 37.95;
    private static final double LON = 110.99;
    private static final double KWP = 50;
    private static final int LINES_PER_WRITE = 50_000;
    /** A collector answering queries has run for days: its JIT-compiled client is what is measured. */
    private static final int WARM_UP = 5;
    private static final int STATIONS_PER_STATEMENT = 4;

    private final String influx;
    private final String database;
    private final int inverters;
    private final int perStation;
    private final int days;
    private final int stepSeconds;
    private final int repeat;
    private final LocalDate first;
    private final HttpClient http = HttpClient.newHttpClient();

    private RollupsBench(Map<String, String> a) {
        influx = a.getOrDefault("influx", "http://127.0.0.1:8086");
        database = a.getOrDefault("database", "bench_rollups");
        inverters = Integer.parseInt(a.getOrDefault("inverters", "1000"));
        perStation = Integer.parseInt(a.getOrDefault("per-station", "10"));
        days = Integer.parseInt(a.getOrDefault("days", "365"));
        stepSeconds = Integer.parseInt(a.getOrDefault("step-s", "60"));
        repeat = Integer.parseInt(a.getOrDefault("repeat", "7"));
        // the year that ended yesterday: inside raw's 400-day retention
        first = LocalDate.now(ZONE).minusDays(days);
        if (inverters < perStation || inverters % perStation != 0 || days < 31 || repeat < 2) {
            throw new IllegalArgumentException("--inverters must be a multiple of --per-station, --days at least 31, --repeat at least 2");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value or --flag, got " + args[i]);
            }
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            a.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        new RollupsBench(a).run(a.containsKey("keep"));
    }

    private int stations() {
        return inverters / perStation;
    }

    private static String station(int s) {
        return String.format("bench-%04d", s);
    }

    private void run(boolean keep) throws Exception {
        StorageSchema schema = new StorageSchema(database);
        try (InfluxV1Store store = new InfluxV1Store(influx, null, null, schema)) {
            store.prepare();
            long points = (long) inverters * days * (86_400 / stepSeconds);
            System.out.println("machine load at start: " + loadAverage());
            System.out.printf(Locale.ROOT, "load: %d inverters (%d stations of %d) x %d days x every %d s = %,d readings%n",
                    inverters, stations(), perStation, days, stepSeconds, points);
            long t0 = System.nanoTime();
            load();
            double loadS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "loaded in %.0f s (%,.0f readings/s)%n", loadS, points / loadS);

            RollupStatements statements = new RollupStatements(schema, ZONE);
            t0 = System.nanoTime();
            rollUp(store, statements);
            double rollS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "rolled up by the collector's statements in %.0f s%n", rollS);

            StationReports reports = new StationReports(store, schema, statements, StationRegistry.empty(), ZONE);
            YearMonth month = YearMonth.from(first.plusDays(days / 2));
            Comparison m = compare(store, schema, statements, reports, month.atDay(1), month.atEndOfMonth());
            Comparison y = compare(store, schema, statements, reports, first.plusDays(1), first.plusDays(days - 1));
            System.out.println();
            System.out.println("| query | from rollups (median, min) | from raw (median, min) | raw / rollups | same Wh |");
            System.out.println("|---|---|---|---|---|");
            System.out.println(m.row("station daily yield, one month (" + month + ")"));
            System.out.println(y.row("station daily yield, " + (days - 1) + " days"));
            System.out.printf(Locale.ROOT, "%n%,d readings loaded in %.0f s, rolled up in %.0f s; %d repetitions per query, "
                    + "a different station each%n", points, loadS, rollS, repeat);
            System.out.println("machine load at end: " + loadAverage() + " (1, 5, 15 min; 2 cores)");
            diskBytes(store).forEach((rp, bytes) -> System.out.printf(Locale.ROOT,
                    "TSM files (InfluxDB's shard statistics; what is still in the WAL is not counted): %s %,.0f MB%n", rp, bytes / 1e6));
        } finally {
            if (!keep) {
                query("DROP DATABASE \"" + database + "\"");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the data

    /**
     * One inverter's specific power (W/kWp) per step of a day: clear sky at Lin County × the day's weather (one
     * factor per station and day) × passing clouds, all seeded, so a run is reproducible.
     */
    private double[] day(LocalDate date, int station, double[] clear) {
        Random r = new Random(date.toEpochDay() * 7919 + station);
        double weather = 0.35 + 0.65 * Math.sqrt(r.nextDouble());
        double[] out = new double[clear.length];
        double cloud = 1;
        for (int k = 0; k < clear.length; k++) {
            if (k % Math.max(1, 600 / stepSeconds) == 0) {
                cloud = 1 - 0.3 * r.nextDouble() * (1 - weather);
            }
            out[k] = clear[k] * weather * cloud;
        }
        return out;
    }

    private double[] clearSky(LocalDate date) {
        int steps = 86_400 / stepSeconds;
        long start = date.atStartOfDay(ZONE).toInstant().toEpochMilli();
        double[] g = new double[steps];
        for (int k = 0; k < steps; k++) {
            g[k] = ClearSkyYield.irradiance(SolarPosition.elevationDeg(LAT, LON, Instant.ofEpochMilli(start + k * stepSeconds * 1000L)));
        }
        return g;
    }

    private void load() throws Exception {
        int steps = 86_400 / stepSeconds;
        long[] counters = new long[inverters];
        double[] carry = new double[inverters];
        double[] factor = new double[inverters];
        Random r = new Random(42);
        for (int i = 0; i < inverters; i++) {
            counters[i] = 40_000_000L + r.nextInt(60_000_000);
            factor[i] = 0.94 + 0.1 * r.nextDouble();
        }
        ExecutorService writers = Executors.newFixedThreadPool(2);
        Semaphore inFlight = new Semaphore(4);
        List<Future<?>> pending = new ArrayList<>();
        StringBuilder batch = new StringBuilder(LINES_PER_WRITE * 120);
        int lines = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            long start = date.atStartOfDay(ZONE).toInstant().toEpochMilli();
            double[] clear = clearSky(date);
            for (int s = 0; s < stations(); s++) {
                double[] specific = day(date, s, clear);
                String prefix = ",kind=inverter,model=sunspec:103,station=" + station(s) + " ac_power=";
                for (int j = 0; j < perStation; j++) {
                    int i = s * perStation + j;
                    String series = "telemetry,device=inv-" + (j < 9 ? "0" : "") + (j + 1) + prefix;
                    for (int k = 0; k < steps; k++) {
                        long w = Math.round(specific[k] * KWP * factor[i]);
                        double wh = w * stepSeconds / 3600.0 + carry[i];
                        long whole = (long) wh;
                        carry[i] = wh - whole;
                        counters[i] += whole;
                        batch.append(series).append(w).append(",ac_energy=").append(counters[i]).append(' ')
                                .append(start + k * stepSeconds * 1000L).append('\n');
                        if (++lines == LINES_PER_WRITE) {
                            pending.add(send(writers, inFlight, batch.toString()));
                            batch.setLength(0);
                            lines = 0;
                        }
                    }
                }
            }
            if (d % 30 == 29) {
                System.out.printf(Locale.ROOT, "  %d of %d days%n", d + 1, days);
            }
        }
        if (lines > 0) {
            pending.add(send(writers, inFlight, batch.toString()));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        writers.shutdown();
    }

    private Future<?> send(ExecutorService writers, Semaphore inFlight, String body) throws InterruptedException {
        inFlight.acquire();
        return writers.submit(() -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(influx + "/write?db=" + database
                                + "&rp=" + StorageSchema.RAW + "&precision=ms"))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 204) {
                    throw new IllegalStateException("InfluxDB refused a write: " + r.statusCode() + " " + r.body());
                }
                return null;
            } finally {
                inFlight.release();
            }
        });
    }

    private void query(String q) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(influx + "/query"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The collector's statements over the whole range, a week at a time in order (a week's counter differences look
     * back into the one before) and a few stations at a time, so that each statement stays well inside the collector
     * store's 30-second query timeout: the stations in two halves on two threads, one per core.
     */
    private void rollUp(InfluxV1Store store, RollupStatements statements) throws Exception {
        List<String> all = new ArrayList<>();
        for (int s = 0; s < stations(); s++) {
            all.add(station(s));
        }
        long from = first.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long to = first.plusDays(days).atStartOfDay(ZONE).toInstant().toEpochMilli();
        long chunk = Duration.ofDays(7).toMillis();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<?>> halves = new ArrayList<>();
        int half = (all.size() + 1) / 2;
        for (int g = 0; g < all.size(); g += half) {
            List<String> stations = all.subList(g, Math.min(all.size(), g + half));
            halves.add(threads.submit(() -> {
                for (int i = 0; i < stations.size(); i += STATIONS_PER_STATEMENT) {
                    List<String> group = stations.subList(i, Math.min(stations.size(), i + STATIONS_PER_STATEMENT));
                    for (long a = from; a < to; a += chunk) {
                        RollupMaintainer.recompute(store, statements, group, a, Math.min(to, a + chunk));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : halves) {
            f.get();
        }
        threads.shutdown();
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Bytes on disk per retention policy of the database, from InfluxDB's own shard statistics. */
    private Map<String, Double> diskBytes(InfluxV1Store store) throws StoreException {
        Map<String, Double> out = new TreeMap<>();
        for (Series s : store.query("SHOW STATS FOR 'shard'")) {
            if (database.equals(s.tags().get("database")) && s.column("diskBytes") >= 0) {
                for (List<Object> row : s.values()) {
                    if (row.get(s.column("diskBytes")) instanceof Number n) {
                        out.merge(s.tags().get("retentionPolicy"), n.doubleValue(), Double::sum);
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ the queries

    private record Comparison(long[] rollupNs, long[] rawNs, int days, int equalDays, double wh) {
        String row(String what) {
            long[] a = rollupNs.clone();
            long[] b = rawNs.clone();
            Arrays.sort(a);
            Arrays.sort(b);
            double ma = a[a.length / 2] / 1e6;
            double mb = b[b.length / 2] / 1e6;
            return String.format(Locale.ROOT, "| %s | %.1f ms, %.1f ms | %.1f ms, %.1f ms | **%.0f×** | %s (%d of %d days; %,.0f kWh) |",
                    what, ma, a[0] / 1e6, mb, b[0] / 1e6, mb / ma, equalDays == days ? "yes" : "NO", equalDays, days, wh / 1000);
        }
    }

    private Comparison compare(InfluxV1Store store, StorageSchema schema, RollupStatements statements,
                               StationReports reports, LocalDate from, LocalDate to) throws StoreException {
        long[] rollup = new long[repeat];
        long[] raw = new long[repeat];
        int equal = 0;
        int count = 0;
        double wh = 0;
        Random pick = new Random(7);
        for (int i = -WARM_UP; i < repeat; i++) { // rounds below 0 warm up the JVM and InfluxDB and are not counted
            String station = station(pick.nextInt(stations()));
            boolean rawFirst = i % 2 == 0;
            Map<LocalDate, Double> fromRaw = null;
            Map<LocalDate, Double> fromRollup = null;
            for (int turn = 0; turn < 2; turn++) {
                long t0 = System.nanoTime();
                if ((turn == 0) == rawFirst) {
                    fromRaw = raw(store, schema, statements, station, from, to);
                    if (i >= 0) {
                        raw[i] = System.nanoTime() - t0;
                    }
                } else {
                    fromRollup = new TreeMap<>();
                    for (StationReports.Day d : reports.days(station, from, to)) {
                        fromRollup.put(d.date(), d.energyWh());
                    }
                    if (i >= 0) {
                        rollup[i] = System.nanoTime() - t0;
                    }
                }
            }
            if (i == repeat - 1) {
                for (Map.Entry<LocalDate, Double> e : fromRollup.entrySet()) {
                    count++;
                    wh += e.getValue();
                    if (Math.abs(e.getValue() - fromRaw.getOrDefault(e.getKey(), Double.NaN)) < 0.5) {
                        equal++;
                    }
                }
            }
        }
        return new Comparison(rollup, raw, count, equal, wh);
    }

    /** Daily energy from raw readings: each inverter's last counter of a local day minus that of the day before. */
    private static Map<LocalDate, Double> raw(InfluxV1Store store, StorageSchema schema, RollupStatements statements,
                                             String station, LocalDate from, LocalDate to) throws StoreException {
        long a = from.minusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        long b = to.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        Map<LocalDate, Double> out = new TreeMap<>();
        for (Series s : store.query("SELECT non_negative_difference(last(ac_energy)) AS e FROM " + schema.raw(StorageSchema.TELEMETRY)
                + " WHERE station = '" + station + "' AND kind = 'inverter' AND time >= " + a + "ms AND time < " + b
                + "ms GROUP BY time(1d, " + statements.dayOffset() + "), device")) {
            for (List<Object> row : s.values()) {
                if (row.get(1) instanceof Number n) {
                    out.merge(Instant.ofEpochMilli(((Number) row.get(0)).longValue()).atZone(ZONE).toLocalDate(), n.doubleValue(), Double::sum);
                }
            }
        }
        return out;
    }
}
