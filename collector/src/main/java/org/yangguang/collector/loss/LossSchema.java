package org.yangguang.collector.loss;

import org.yangguang.collector.expected.ExpectedEnergy.Basis;
import org.yangguang.collector.expected.ExpectedEnergy.Estimate;
import org.yangguang.collector.expected.ExpectedEnergy.Method;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StorageSchema.Level;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where expected and lost energy are stored, in one place (docs/storage.md and docs/lost-revenue.md describe it):
 * <ul>
 *   <li>{@code rollup_5m.expected_5m}: tags station, device; per inverter and 5-minute bucket the fields
 *       {@code expected} and {@code actual} (Wh), {@code method} (reference, modelled, unavailable), {@code basis}
 *       (measured, apportioned, unknown), {@code peers} and {@code note}. A bucket is rewritten whole on every
 *       recomputation and InfluxDB cannot drop a field from a point, so an unavailable expectation is written as 0
 *       with method "unavailable", an unknown actual as 0 with basis "unknown": read them through {@link #estimate}.</li>
 *   <li>{@code rollup_1d.alarm_loss}: tags station, device, type; one point per alarm episode and local day, at the
 *       episode's onset on the day it began and at the day's start on the others; fields {@code since} (the episode's onset, which names it),
 *       {@code lost_wh} (whole Wh, never negative), {@code expected_wh}, {@code actual_wh}, {@code unconfirmed_wh}
 *       (the part of the loss where the inverter's production is not known yet), {@code modelled_wh},
 *       {@code unpriced_buckets}, {@code method} (reference, modelled, mixed, unavailable, none), {@code note},
 *       {@code last_24h_wh} (an open episode's loss over the last 24 hours), {@code severity}, {@code detail}.
 *       Kept forever, like the daily energy: a closed month is priced from these rows, never from raw data.</li>
 * </ul>
 */
public final class LossSchema {
    public static final String EXPECTED = "expected_5m";
    public static final String LOSS = "alarm_loss";

    private final StorageSchema schema;

    public LossSchema(StorageSchema schema) {
        this.schema = schema;
    }

    public String expectedPolicy() {
        return Level.FIVE_MINUTES.policy();
    }

    public String lossPolicy() {
        return Level.ONE_DAY.policy();
    }

    public String expected() {
        return schema.qualified(expectedPolicy(), EXPECTED);
    }

    public String loss() {
        return schema.qualified(lossPolicy(), LOSS);
    }

    public String alarms() {
        return schema.raw(StorageSchema.ALARMS);
    }

    public String rollup5m() {
        return schema.rollup(Level.FIVE_MINUTES);
    }

    public static Sample sample(String station, Estimate e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("expected", e.expectedWh() == null ? 0.0 : e.expectedWh());
        f.put("actual", e.actualWh() == null ? 0.0 : e.actualWh());
        f.put("method", e.method().code());
        f.put("basis", e.basis().code());
        f.put("peers", (double) e.peers());
        f.put("note", e.note() == null ? "" : e.note());
        return new Sample(EXPECTED, Map.of("station", station, "device", e.device()), f, e.bucket());
    }

    /** A stored row back as an estimate (the columns of {@code SELECT expected, actual, method, basis, peers, note}). */
    public static Estimate estimate(String device, Series s, List<Object> row) {
        Method method = Method.of(String.valueOf(row.get(s.column("method"))));
        Basis basis = Basis.of(String.valueOf(row.get(s.column("basis"))));
        Object note = row.get(s.column("note"));
        return new Estimate(device, ((Number) row.get(0)).longValue(),
                method == Method.UNAVAILABLE ? null : number(row.get(s.column("expected"))),
                basis == Basis.UNKNOWN ? null : number(row.get(s.column("actual"))),
                method, number(row.get(s.column("peers"))).intValue(), basis,
                note == null || note.toString().isEmpty() ? null : note.toString());
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    /**
     * A day's row, at the episode's onset on the day it began and at the day's start on every other (the day before
     * its onset too, where it reaches back over a shortfall): always inside its day, one per episode and day.
     */
    public static Sample sample(Attribution.DayLoss d, long dayStartMs, long dayEndMs) {
        Episode e = d.episode();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("since", (double) e.since());
        f.put("lost_wh", (double) d.lostWh());
        f.put("expected_wh", Math.rint(d.expectedWh()));
        f.put("actual_wh", Math.rint(d.actualWh()));
        f.put("unconfirmed_wh", Math.rint(d.unconfirmedWh()));
        f.put("modelled_wh", Math.rint(d.modelledWh()));
        f.put("unpriced_buckets", (double) d.unpricedBuckets());
        f.put("method", d.method());
        f.put("note", d.note() == null ? "" : d.note());
        f.put("last_24h_wh", (double) d.last24hWh());
        f.put("severity", e.severity() == null ? "" : e.severity());
        f.put("detail", e.detail() == null ? "" : e.detail());
        return new Sample(LOSS, Map.of("station", e.station(), "device", e.device(), "type", e.type()), f,
                e.since() >= dayStartMs && e.since() < dayEndMs ? e.since() : dayStartMs);
    }
}
