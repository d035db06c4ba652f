package org.yangguang.collector.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The storage layout, in one place (docs/storage.md describes it for people):
 * <ul>
 *   <li>database {@code yangguang} (configurable), DEFAULT retention policy {@code raw} (400 days: a full
 *       settlement year of revenue evidence plus a month for late disputes and the annual review);</li>
 *   <li>{@code raw.telemetry} (tags station, device, kind, model; one float field per point name),
 *       {@code raw.telemetry_text} (enumeration texts), {@code raw.device_status} (non-ok polls),
 *       {@code raw.readings} (every reading's gateway, sequence number, digest and outcome: what audits count),
 *       {@code raw.alarms};</li>
 *   <li>rollups {@code rollup_5m.telemetry_5m} (5 years), {@code rollup_1h.telemetry_1h} (10 years),
 *       {@code rollup_1d.telemetry_1d} (forever), maintained by the collector ({@code rollup} package);</li>
 *   <li>{@code devices.device_nameplate} and {@code devices.device_swaps} (forever): who each device was and when
 *       it was replaced ({@code device} package), until the registry of record in distribution keeps them.</li>
 * </ul>
 */
public record StorageSchema(String database) {
    public static final String RAW = "raw";
    public static final String RAW_DURATION = "400d";
    public static final String TELEMETRY = "telemetry";
    public static final String TELEMETRY_TEXT = "telemetry_text";
    public static final String DEVICE_STATUS = "device_status";
    public static final String ALARMS = "alarms";
    public static final String READINGS = "readings";
    /** {@link #READINGS}' outcome tag: stored, or refused (dead-lettered with the reason). */
    public static final String STORED = "stored";
    public static final String REFUSED = "refused";
    /** Facts about the devices themselves, kept forever: a swap must be known as long as any energy across it is asked. */
    public static final String DEVICES = "devices";
    public static final String DEVICE_NAMEPLATE = "device_nameplate";
    public static final String DEVICE_SWAPS = "device_swaps";

    /**
     * A rollup level: its retention policy, measurement, bucket, how long it is kept and its shard duration. Daily rows
     * are read by the month and the year, so their shards span a year (InfluxDB's default for a policy this long is a
     * week: a year's daily yield then opened 53 shards and took twice as long, docs/performance.md "Rollups").
     */
    public enum Level {
        FIVE_MINUTES("rollup_5m", "telemetry_5m", "5m", 300_000L, "1825d", null),
        ONE_HOUR("rollup_1h", "telemetry_1h", "1h", 3_600_000L, "3650d", null),
        ONE_DAY("rollup_1d", "telemetry_1d", "1d", 86_400_000L, "INF", "52w");

        private final String policy;
        private final String measurement;
        private final String interval;
        private final long millis;
        private final String duration;
        private final String shardDuration;

        Level(String policy, String measurement, String interval, long millis, String duration, String shardDuration) {
            this.policy = policy;
            this.measurement = measurement;
            this.interval = interval;
            this.millis = millis;
            this.duration = duration;
            this.shardDuration = shardDuration;
        }

        public String policy() { return policy; }
        public String measurement() { return measurement; }
        public String interval() { return interval; }
        public long millis() { return millis; }
        public String duration() { return duration; }
    }

    public String rawPolicy() {
        return RAW;
    }

    /** "db"."rp"."measurement", quoted for InfluxQL. */
    public String qualified(String policy, String measurement) {
        return "\"" + database + "\".\"" + policy + "\".\"" + measurement + "\"";
    }

    public String raw(String measurement) {
        return qualified(RAW, measurement);
    }

    public String rollup(Level level) {
        return qualified(level.policy(), level.measurement());
    }

    /** station = 'a', or station =~ /^(a|b)$/ for several (ids are [a-z0-9_-], safe in a regex). */
    public static String stationFilter(java.util.Collection<String> stations) {
        if (stations.size() == 1) {
            return "station = '" + stations.iterator().next() + "'";
        }
        return "station =~ /^(" + String.join("|", new java.util.TreeSet<>(stations)) + ")$/";
    }

    public String devices(String measurement) {
        return qualified(DEVICES, measurement);
    }

    public String createDatabase() {
        // without options this is a no-op when the database exists (InfluxDB 1.x)
        return "CREATE DATABASE \"" + database + "\"";
    }

    /** Statements after the database exists, given the retention policies it has. */
    public List<String> policyStatements(List<String> existing) {
        List<String> out = new ArrayList<>();
        if (!existing.contains(RAW)) {
            out.add("CREATE RETENTION POLICY \"" + RAW + "\" ON \"" + database + "\" DURATION " + RAW_DURATION
                    + " REPLICATION 1 DEFAULT");
        } else {
            // someone may have made another policy the default; raw must be it (distribution queries rely on it)
            out.add("ALTER RETENTION POLICY \"" + RAW + "\" ON \"" + database + "\" DEFAULT");
        }
        for (Level l : Level.values()) {
            String shards = l.shardDuration == null ? "" : " SHARD DURATION " + l.shardDuration;
            if (!existing.contains(l.policy())) {
                out.add("CREATE RETENTION POLICY \"" + l.policy() + "\" ON \"" + database + "\" DURATION "
                        + l.duration() + " REPLICATION 1" + shards);
            } else if (!shards.isEmpty()) {
                // a database made before: new shards get the duration, the existing ones stay as they are
                out.add("ALTER RETENTION POLICY \"" + l.policy() + "\" ON \"" + database + "\"" + shards);
            }
        }
        if (!existing.contains(DEVICES)) {
            out.add("CREATE RETENTION POLICY \"" + DEVICES + "\" ON \"" + database + "\" DURATION INF REPLICATION 1");
        }
        return out;
    }
}
