package org.yangguang.collector.rollup;

import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StorageSchema.Level;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.collector.validation.StationRegistry;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What operators ask of a station, computed from the rollups (raw data only for the last hour's live power, for
 * today's energy — {@link RawEnergy}, one figure on every page whatever the rollup's lag — and for the buckets of a
 * series the rollup has not reached yet): daily and monthly energy from inverter counters, equivalent hours (kWh per kWp), performance ratio
 * where an irradiance point exists, station ranking and inverter ranking within a station. Blocking: callers
 * run it on a worker.
 */
public final class StationReports {
    /** Series ranges up to these spans come from the level named; longer ones from the next. */
    static final Duration RAW_UP_TO = Duration.ofHours(6);
    static final Duration FIVE_MIN_UP_TO = Duration.ofDays(3);
    static final Duration HOUR_UP_TO = Duration.ofDays(60);

    private final TelemetryStore store;
    private final StorageSchema schema;
    private final RollupStatements rollups;
    private final StationRegistry registry;
    private final ZoneId zone;
    private final RawEnergy rawEnergy;

    public record Day(LocalDate date, double energyWh, Double irradiationWhM2, Double equivalentHours, Double performanceRatio) {
    }

    public record Month(YearMonth month, double energyWh, Double equivalentHours, Double performanceRatio) {
    }

    public record Ranked(String id, double energyWh, Double kwp, Double specificYield) {
    }

    public record Point(long timeMs, Double value) {
    }

    public record SeriesResult(String level, List<Point> points) {
    }

    /** {@code lat}/{@code lon} are the registry's position of the station, NaN when it declares none. */
    /**
     * {@code energyTodayWh} is from the raw counters ({@link #todayWh}), the same figure every page shows;
     * {@code lastReadingMs} is the newest inverter reading of the last hour (null: none, the page says since when it
     * has none instead of showing zeros).
     */
    public record Live(String station, double kwp, int devices, int reporting, double powerW, double energyTodayWh,
                       double lat, double lon, Long lastReadingMs) {
    }

    public StationReports(TelemetryStore store, StorageSchema schema, RollupStatements rollups, StationRegistry registry, ZoneId zone) {
        this.store = store;
        this.schema = schema;
        this.rollups = rollups;
        this.registry = registry;
        this.zone = zone;
        this.rawEnergy = new RawEnergy(store, schema);
    }

    /**
     * Today's energy of every station with readings, from the raw counters: one query path for the station list,
     * the station page and (by the same rule in distribution) the revenue page, exact whatever the rollup's lag.
     */
    public Map<String, Long> todayWh(long nowMs) throws StoreException {
        LocalDate today = java.time.Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate();
        return rawEnergy.byStation(startOf(today), nowMs);
    }

    public ZoneId zone() {
        return zone;
    }

    private long startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** kWp of a station: declared in the registry, else the sum of its declared inverters, else unknown (0). */
    public double kwp(String station) {
        double declared = registry.station(station).map(StationRegistry.Station::kwp).orElse(0.0);
        if (declared > 0) {
            return declared;
        }
        return registry.devices().stream().filter(d -> d.station().equals(station)).mapToDouble(StationRegistry.Device::kwp).sum();
    }

    /** Daily energy from the 1-day rollup (a benchmark's and a past period's reading: no "today" in it). */
    public List<Day> days(String station, LocalDate from, LocalDate toInclusive) throws StoreException {
        return days(station, from, toInclusive, Long.MIN_VALUE);
    }

    /** Daily energy; the day of {@code nowMs} from the raw counters ({@link #todayWh}), the others from the rollup. */
    public List<Day> days(String station, LocalDate from, LocalDate toInclusive, long nowMs) throws StoreException {
        long a = startOf(from);
        long b = startOf(toInclusive.plusDays(1));
        String range = " AND time >= " + a + "ms AND time < " + b + "ms GROUP BY time(1d, " + rollups.dayOffset() + ")";
        // both in one request: on a month of daily rows the round trip costs more than the reading (bench rollups)
        List<Series> both = store.query("SELECT sum(energy) AS energy FROM " + schema.rollup(Level.ONE_DAY)
                + " WHERE station = '" + station + "' AND kind = 'inverter'" + range
                // several devices may measure irradiance (a sensor, some inverters): the day's value is their mean
                + "; SELECT mean(irradiation) AS irradiation FROM " + schema.rollup(Level.ONE_DAY)
                + " WHERE station = '" + station + "'" + range);
        Map<Long, Double> energy = column(both, "energy");
        Map<Long, Double> irradiation = column(both, "irradiation");
        double kwp = kwp(station);
        // today's rollup lags the readings by up to a rollup cycle: today is read from the raw counters (todayWh)
        LocalDate today = nowMs == Long.MIN_VALUE ? null : java.time.Instant.ofEpochMilli(nowMs).atZone(zone).toLocalDate();
        Long todayRaw = today != null && !today.isBefore(from) && !today.isAfter(toInclusive)
                ? rawEnergy.byStation(startOf(today), nowMs).get(station) : null;
        List<Day> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(toInclusive); d = d.plusDays(1)) {
            long t = startOf(d);
            Double stored = d.equals(today) && todayRaw != null ? Double.valueOf(todayRaw) : energy.get(t);
            double e = stored == null ? 0 : stored;
            Double h = irradiation.get(t);
            out.add(new Day(d, e, h, kwp > 0 ? e / 1000 / kwp : null, performanceRatio(e, kwp, h)));
        }
        return out;
    }

    /** PR = (kWh / kWp) / (irradiation kWh/m² / 1 kW/m²): the yield against what the sunlight allowed (IEC 61724). */
    static Double performanceRatio(double energyWh, double kwp, Double irradiationWhM2) {
        if (kwp <= 0 || irradiationWhM2 == null || irradiationWhM2 <= 0) {
            return null;
        }
        return (energyWh / 1000 / kwp) / (irradiationWhM2 / 1000);
    }

    public List<Month> months(String station, YearMonth from, YearMonth toInclusive) throws StoreException {
        List<Day> days = days(station, from.atDay(1), toInclusive.atEndOfMonth());
        double kwp = kwp(station);
        Map<YearMonth, double[]> sums = new LinkedHashMap<>();
        for (Day d : days) {
            double[] s = sums.computeIfAbsent(YearMonth.from(d.date()), m -> new double[3]);
            s[0] += d.energyWh();
            if (d.irradiationWhM2() != null) {
                s[1] += d.irradiationWhM2();
                s[2] += d.energyWh(); // energy of days that have irradiance, for a like-for-like PR
            }
        }
        List<Month> out = new ArrayList<>();
        sums.forEach((m, s) -> out.add(new Month(m, s[0], kwp > 0 ? s[0] / 1000 / kwp : null,
                s[1] > 0 ? performanceRatio(s[2], kwp, s[1]) : null)));
        return out;
    }

    /** Stations by equivalent hours on a day (stations without a known kWp last, by energy). */
    public List<Ranked> stationRanking(LocalDate day) throws StoreException {
        Map<String, Double> energy = byTag(store.query("SELECT sum(energy) AS v FROM " + schema.rollup(Level.ONE_DAY)
                + " WHERE kind = 'inverter' AND time >= " + startOf(day) + "ms AND time < " + startOf(day.plusDays(1))
                + "ms GROUP BY station"), "station");
        Set<String> stations = new TreeSet<>(energy.keySet());
        registry.stations().forEach(s -> stations.add(s.id()));
        List<Ranked> out = new ArrayList<>();
        for (String s : stations) {
            double kwp = kwp(s);
            double e = energy.getOrDefault(s, 0.0);
            out.add(new Ranked(s, e, kwp > 0 ? kwp : null, kwp > 0 ? e / 1000 / kwp : null));
        }
        out.sort(RANKING);
        return out;
    }

    /** Inverters of a station by specific yield (kWh/kWp) on a day; by energy where kWp is not declared. */
    public List<Ranked> inverterRanking(String station, LocalDate day) throws StoreException {
        Map<String, Double> energy = byTag(store.query("SELECT sum(energy) AS v FROM " + schema.rollup(Level.ONE_DAY)
                + " WHERE station = '" + station + "' AND kind = 'inverter' AND time >= " + startOf(day) + "ms AND time < "
                + startOf(day.plusDays(1)) + "ms GROUP BY device"), "device");
        Map<String, Double> kwps = new HashMap<>();
        registry.devices().stream().filter(d -> d.station().equals(station) && d.kwp() > 0).forEach(d -> kwps.put(d.device(), d.kwp()));
        List<Ranked> out = new ArrayList<>();
        energy.forEach((device, e) -> {
            Double kwp = kwps.get(device);
            out.add(new Ranked(device, e, kwp, kwp == null ? null : e / 1000 / kwp));
        });
        out.sort(RANKING);
        return out;
    }

    private static final Comparator<Ranked> RANKING = Comparator
            .comparing((Ranked r) -> r.specificYield() == null ? 1 : 0)
            .thenComparing(r -> r.specificYield() == null ? 0 : -r.specificYield())
            .thenComparing(r -> -r.energyWh())
            .thenComparing(Ranked::id);

    /** Picks the level for a range: raw up to 6 h (devices only), 5 min up to 3 days, 1 h up to 60 days, else 1 day. */
    public static String levelFor(Duration range, boolean station) {
        if (!station && range.compareTo(RAW_UP_TO) <= 0) {
            return "raw";
        }
        if (range.compareTo(FIVE_MIN_UP_TO) <= 0) {
            return Level.FIVE_MINUTES.interval();
        }
        return range.compareTo(HOUR_UP_TO) <= 0 ? Level.ONE_HOUR.interval() : Level.ONE_DAY.interval();
    }

    /**
     * A field over time for a device, or for a station (the sum over its inverters per bucket: station power,
     * station energy).
     */
    public SeriesResult series(String station, String device, String field, long fromMs, long toMs) throws StoreException {
        String level = levelFor(Duration.ofMillis(toMs - fromMs), device == null);
        String where = " WHERE station = '" + station + "'" + (device == null ? " AND kind = 'inverter'" : " AND device = '" + device + "'")
                + " AND time >= " + fromMs + "ms AND time < " + toMs + "ms";
        String q;
        if (level.equals("raw")) {
            q = "SELECT " + field + " AS v FROM " + schema.raw(StorageSchema.TELEMETRY) + where;
        } else {
            Level l = level.equals("5m") ? Level.FIVE_MINUTES : level.equals("1h") ? Level.ONE_HOUR : Level.ONE_DAY;
            String group = l == Level.ONE_DAY ? "time(1d, " + rollups.dayOffset() + ")" : "time(" + l.interval() + ")";
            q = "SELECT " + (device == null ? "sum(" : "mean(") + field + ") AS v FROM " + schema.rollup(l) + where + " GROUP BY " + group;
        }
        List<Point> points = new ArrayList<>();
        for (Series s : store.query(q)) {
            int v = s.column("v");
            for (List<Object> row : s.values()) {
                Object val = row.get(v);
                if (val instanceof Number n) {
                    points.add(new Point(((Number) row.get(0)).longValue(), n.doubleValue()));
                }
            }
        }
        if (!level.equals("raw") && !level.equals("1d")) {
            // the rollup runs behind the readings (minutes; longer after an outage): what it has not reached yet is
            // drawn from the raw readings in the same buckets, so a chart is never empty while data exists
            Level l = level.equals("5m") ? Level.FIVE_MINUTES : Level.ONE_HOUR;
            long covered = points.isEmpty() ? fromMs : points.get(points.size() - 1).timeMs() + l.millis();
            if (covered < toMs) {
                points.addAll(rawTail(station, device, field, Math.max(fromMs, covered), toMs, l));
            }
        }
        return new SeriesResult(level, points);
    }

    /** Raw readings of [fromMs, toMs) in the level's buckets: a device's mean, or a station's sum of its inverters' means. */
    private List<Point> rawTail(String station, String device, String field, long fromMs, long toMs, Level l) throws StoreException {
        String where = " WHERE station = '" + station + "'" + (device == null ? " AND kind = 'inverter'" : " AND device = '" + device + "'")
                + " AND time >= " + fromMs + "ms AND time < " + toMs + "ms";
        Map<Long, Double> sum = new java.util.TreeMap<>();
        for (Series s : store.query("SELECT mean(" + field + ") AS v FROM " + schema.raw(StorageSchema.TELEMETRY) + where
                + " GROUP BY time(" + l.interval() + "), device")) {
            int v = s.column("v");
            for (List<Object> row : s.values()) {
                if (row.get(v) instanceof Number n) {
                    sum.merge(((Number) row.get(0)).longValue(), n.doubleValue(), Double::sum);
                }
            }
        }
        List<Point> out = new ArrayList<>();
        sum.forEach((t, v) -> out.add(new Point(t, v)));
        return out;
    }

    /** Live state of every station: power of inverters that reported in the last hour, energy so far today. */
    public List<Live> live(long nowMs) throws StoreException {
        List<Series> last = store.query("SELECT last(ac_power) AS v FROM " + schema.raw(StorageSchema.TELEMETRY)
                + " WHERE kind = 'inverter' AND time > " + (nowMs - 3_600_000) + "ms GROUP BY station, device");
        Map<String, double[]> power = new HashMap<>();
        Map<String, Long> newest = new HashMap<>();
        for (Series s : last) {
            double[] p = power.computeIfAbsent(s.tags().get("station"), k -> new double[2]);
            for (List<Object> row : s.values()) {
                if (row.get(s.column("v")) instanceof Number n) {
                    p[0] += n.doubleValue();
                    p[1]++;
                    newest.merge(s.tags().get("station"), ((Number) row.get(0)).longValue(), Math::max);
                }
            }
        }
        Map<String, Double> energy = new HashMap<>();
        todayWh(nowMs).forEach((k, v) -> energy.put(k, v.doubleValue()));
        Set<String> stations = new TreeSet<>(power.keySet());
        stations.addAll(energy.keySet());
        registry.stations().forEach(s -> stations.add(s.id()));
        List<Live> out = new ArrayList<>();
        for (String s : stations) {
            int devices = (int) registry.devices().stream().filter(d -> d.station().equals(s) && d.kind().equals("inverter")).count();
            double[] p = power.getOrDefault(s, new double[2]);
            StationRegistry.Station declared = registry.station(s).orElse(null);
            out.add(new Live(s, kwp(s), devices, (int) p[1], p[0], energy.getOrDefault(s, 0.0),
                    declared == null ? Double.NaN : declared.lat(), declared == null ? Double.NaN : declared.lon(),
                    newest.get(s)));
        }
        return out;
    }

    private static Map<Long, Double> column(List<Series> series, String name) {
        Map<Long, Double> out = new HashMap<>();
        for (Series s : series) {
            int v = s.column(name);
            if (v < 0) {
                continue; // the other statement's series
            }
            for (List<Object> row : s.values()) {
                out.put(((Number) row.get(0)).longValue(), row.get(v) instanceof Number n ? n.doubleValue() : null);
            }
        }
        return out;
    }

    private static Map<String, Double> byTag(List<Series> series, String tag) {
        Map<String, Double> out = new HashMap<>();
        for (Series s : series) {
            int v = s.column("v");
            for (List<Object> row : s.values()) {
                if (row.get(v) instanceof Number n) {
                    out.merge(s.tags().get(tag), n.doubleValue(), Double::sum);
                }
            }
        }
        return out;
    }
}
