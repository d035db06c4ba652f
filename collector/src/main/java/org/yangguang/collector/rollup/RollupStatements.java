package org.yangguang.collector.rollup;

import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StorageSchema.Level;
import org.yangguang.contract.CanonicalPoint;

import java.time.Duration;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The InfluxQL that recomputes rollup buckets of one station from the level below, for a time range. Field names
 * stay the same at every level (ac_power is the mean, ac_power_max the maximum, ac_energy the last counter
 * reading), plus {@code energy} (Wh produced in the bucket: {@link EnergyRollup} writes it at 5 minutes by the
 * contract's counter rule, the levels above sum it) and {@code irradiation} (Wh/m² in the bucket) and
 * {@code samples}. Recomputing a bucket from everything below it is idempotent, so
 * late data is handled by recomputing the buckets it fell into; every collector of a group does so for what it
 * wrote.
 */
public final class RollupStatements {
    /** Counters: the last reading of a bucket. */
    static final Set<CanonicalPoint> COUNTERS = EnumSet.of(CanonicalPoint.AC_ENERGY, CanonicalPoint.IMPORT_ENERGY, CanonicalPoint.EXPORT_ENERGY);
    /** Codes: a mean means nothing; the last one is kept. */
    static final Set<CanonicalPoint> CODES = EnumSet.of(CanonicalPoint.OPERATING_STATE, CanonicalPoint.EVENTS, CanonicalPoint.FAULT_CODE);

    /** How far back the energy difference looks for the previous reading (a gateway's longest plausible gap). */
    public static final Duration ENERGY_LOOKBACK = Duration.ofDays(2);

    private final StorageSchema schema;
    private final ZoneId zone;

    public RollupStatements(StorageSchema schema, ZoneId zone) {
        this.schema = schema;
        this.zone = zone;
    }

    public StorageSchema schema() {
        return schema;
    }

    /** Offset that makes InfluxQL's time(1d) buckets start at local midnight (China has no DST). */
    public String dayOffset() {
        int seconds = zone.getRules().getOffset(Instant.EPOCH.plus(Duration.ofDays(20000))).getTotalSeconds();
        long offset = Math.floorMod(-seconds, 86_400);
        return offset + "s";
    }

    public long floor(Level level, long ms) {
        if (level == Level.ONE_DAY) {
            long offsetMs = Long.parseLong(dayOffset().replace("s", "")) * 1000;
            return Math.floorDiv(ms - offsetMs, level.millis()) * level.millis() + offsetMs;
        }
        return Math.floorDiv(ms, level.millis()) * level.millis();
    }

    /** The 5-minute buckets that hold [fromMs, toMs): {start, end}. */
    public long[] fiveMinuteRange(long fromMs, long toMs) {
        return new long[]{floor(Level.FIVE_MINUTES, fromMs), floor(Level.FIVE_MINUTES, toMs - 1) + Level.FIVE_MINUTES.millis()};
    }

    /** The statement that recomputes the 5-minute buckets [a5, b5) of {@code stations} from raw readings. */
    public String fiveMinutes(java.util.Collection<String> stations, long a5, long b5) {
        return fiveMinutes(StorageSchema.stationFilter(stations), a5, b5);
    }

    /**
     * The statements, in order, that bring the hour and day levels up to date for the 5-minute buckets [a5, b5)
     * (their {@code energy} written by {@link EnergyRollup} first).
     */
    public List<String> upperLevels(java.util.Collection<String> stations, long a5, long b5) {
        String station = StorageSchema.stationFilter(stations);
        List<String> out = new ArrayList<>();
        long a1 = floor(Level.ONE_HOUR, a5);
        long b1 = floor(Level.ONE_HOUR, b5 - 1) + Level.ONE_HOUR.millis();
        out.add(upper(Level.ONE_HOUR, Level.FIVE_MINUTES, station, a1, b1));
        long ad = floor(Level.ONE_DAY, a1);
        long bd = floor(Level.ONE_DAY, b1 - 1) + Level.ONE_DAY.millis();
        out.add(upper(Level.ONE_DAY, Level.ONE_HOUR, station, ad, bd));
        return out;
    }

    String fiveMinutes(String station, long a, long b) {
        List<String> fields = new ArrayList<>();
        for (CanonicalPoint p : CanonicalPoint.values()) {
            String n = p.pointName();
            if (COUNTERS.contains(p) || CODES.contains(p)) {
                fields.add("last(" + n + ") AS " + n);
            } else {
                fields.add("mean(" + n + ") AS " + n);
            }
        }
        fields.add("max(ac_power) AS ac_power_max");
        // mean W/m² over 5 minutes / 12 = Wh/m² in the bucket
        fields.add("mean(irradiance) / 12 AS irradiation");
        fields.add("count(ac_power) AS samples");
        return "SELECT " + String.join(", ", fields) + " INTO " + schema.rollup(Level.FIVE_MINUTES)
                + " FROM " + schema.raw(StorageSchema.TELEMETRY) + where(station, a, b) + " GROUP BY time(5m), *";
    }

    String upper(Level target, Level source, String station, long a, long b) {
        List<String> fields = new ArrayList<>();
        for (CanonicalPoint p : CanonicalPoint.values()) {
            String n = p.pointName();
            fields.add((COUNTERS.contains(p) || CODES.contains(p) ? "last(" : "mean(") + n + ") AS " + n);
        }
        fields.add("max(ac_power_max) AS ac_power_max");
        fields.add("sum(energy) AS energy");
        fields.add("sum(irradiation) AS irradiation");
        fields.add("sum(samples) AS samples");
        String group = target == Level.ONE_DAY ? "time(1d, " + dayOffset() + ")" : "time(" + target.interval() + ")";
        return "SELECT " + String.join(", ", fields) + " INTO " + schema.rollup(target)
                + " FROM " + schema.rollup(source) + where(station, a, b) + " GROUP BY " + group + ", *";
    }

    private static String where(String station, long a, long b) {
        return " WHERE " + station + " AND time >= " + a + "ms AND time < " + b + "ms";
    }

}
