package org.yangguang.distribution.telemetry;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.yangguang.contract.EnergyCounter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Station energy from the collector's InfluxDB 1.x data: measurement {@code telemetry}, tags
 * {@code station}, {@code device}, {@code kind}, field {@code ac_energy} = each inverter's lifetime AC energy
 * counter in Wh (a float field holding an integer), and the inverter swaps the collector recorded in
 * {@code devices.device_swaps} (docs/storage.md).
 *
 * <p>Each inverter's energy follows the contract's counter rule ({@link EnergyCounter}), which the collector's
 * rollups apply too. For [from, to) it runs from the inverter's start reading (its last reading at or before
 * {@code from}, or, with none before the period, its first inside it) to its end reading (its last at or before
 * {@code to}). Consecutive periods therefore add up exactly: the end reading of one is the start reading of the
 * next.
 * <ul>
 *   <li>No swap between them and a counter that did not go back: end − start (the steps telescope).</li>
 *   <li>A swap between them: the stretch is cut at each swap ({@link EnergyCounter#units}) and each unit's energy
 *       is the sum of its counter's increases inside its own stretch, so the step from the old unit's last reading
 *       to the new unit's first is never energy, whichever counter is larger. The reading names the swap
 *       ({@link EnergyReading#swaps()}).</li>
 *   <li>No swap, but the counter went back (a reset): the sum of its increases over the stretch, the step back
 *       counted as 0. The reading names the inverter ({@link EnergyReading#resets()}).</li>
 * </ul>
 * The sums of increases are InfluxDB's {@code sum(non_negative_difference(ac_energy))} over one unit's stretch:
 * that is {@link EnergyCounter#sum} of the stretch's readings, computed where they are. What a unit produced between
 * the last reading before a reset or swap and the first after it is not counted: the conservative side for money.
 * Sub-Wh fractions a scale factor may produce are dropped (floor) on both readings, or on each sum.
 */
@Singleton
public class InfluxStationEnergy implements StationEnergy {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxStationEnergy.class);
    /** Doubles hold integers exactly only up to 2^53. */
    private static final double MAX_EXACT = 9_007_199_254_740_992d;
    /** Where the collector records swaps (docs/storage.md, "devices.device_swaps"). */
    static final String SWAPS = "\"devices\".\"device_swaps\"";

    private final InfluxSettings settings;
    private final InfluxDB influx;

    public InfluxStationEnergy(InfluxSettings settings) {
        this.settings = settings;
        this.influx = settings.username().isEmpty()
                ? InfluxDBFactory.connect(settings.url())
                : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password());
    }

    /** A counter reading: time (epoch ms) and whole Wh. */
    private record Counter(long ms, long wh) {
        EnergyCounter.Reading reading() {
            return new EnergyCounter.Reading(ms, wh);
        }
    }

    /** A swap the collector recorded. */
    private record SwapRow(long ms, String oldSerial, String newSerial) {
    }

    @Override
    public EnergyReading energy(String stationCode, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("period end " + to + " must be after its start " + from);
        }
        String m = '"' + settings.measurement() + '"';
        long fromNs = TimeUnit.MILLISECONDS.toNanos(from.toEpochMilli());
        long toNs = TimeUnit.MILLISECONDS.toNanos(to.toEpochMilli());
        String select = " FROM " + m + " WHERE \"station\" = $station AND \"kind\" = 'inverter' AND ";
        // Separate queries, not one multi-statement request: InfluxDB 1.6 answers a multi-statement query on a
        // missing database with only "not executed", hiding the real error.
        Map<String, Counter> end = counters("SELECT last(\"ac_energy\")" + select + "time <= " + toNs
                + " GROUP BY \"device\"", stationCode);
        Map<String, Counter> before = counters("SELECT last(\"ac_energy\")" + select + "time <= " + fromNs
                + " GROUP BY \"device\"", stationCode);
        Map<String, Counter> firstInside = counters("SELECT first(\"ac_energy\")" + select + "time >= " + fromNs
                + " AND time < " + toNs + " GROUP BY \"device\"", stationCode);
        Map<String, List<SwapRow>> swaps = end.isEmpty() ? Map.of() : swaps(stationCode, toNs);
        Map<String, Long> delta = new TreeMap<>();
        List<EnergyReading.CounterReset> resets = new ArrayList<>();
        List<EnergyReading.InverterSwap> swapped = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Counter> e : end.entrySet()) {
            String device = e.getKey();
            Counter start = before.containsKey(device) ? before.get(device) : firstInside.get(device);
            Counter last = e.getValue();
            if (start == null) {
                // the device's only reading is exactly at `to`: nothing was measured inside the period
                continue;
            }
            List<SwapRow> between = swaps.getOrDefault(device, List.of()).stream()
                    .filter(w -> w.ms() > start.ms() && w.ms() <= last.ms()).toList();
            EnergyCounter rule = EnergyCounter.withSwaps(between.stream().map(SwapRow::ms).toList());
            long d;
            if (rule.telescopes(start.reading(), last.reading(), false)) {
                d = last.wh() - start.wh();
            } else {
                d = 0;
                for (EnergyCounter.Unit u : rule.units(start.ms(), last.ms())) {
                    d = Math.addExact(d, increases(stationCode, device, u.from(), u.to()));
                }
                if (between.isEmpty()) {
                    resets.add(new EnergyReading.CounterReset(device, start.wh(), last.wh()));
                    LOG.info("energy {}/{} [{}, {}): counter went from {} Wh to {} Wh; {} Wh summed over its increases",
                            stationCode, device, from, to, start.wh(), last.wh(), d);
                }
                for (SwapRow w : between) {
                    swapped.add(new EnergyReading.InverterSwap(device, Instant.ofEpochMilli(w.ms()).toString(),
                            w.oldSerial(), w.newSerial()));
                    LOG.info("energy {}/{} [{}, {}): replaced at {} (serial {} -> {}); {} Wh from each unit's own counter",
                            stationCode, device, from, to, Instant.ofEpochMilli(w.ms()), w.oldSerial(), w.newSerial(), d);
                }
            }
            delta.put(device, d);
            total = Math.addExact(total, d);
        }
        LOG.debug("energy {} [{}, {}) = {} Wh from {} inverters", stationCode, from, to, total, delta.size());
        return new EnergyReading(stationCode, from, to, total, delta, resets, swapped);
    }

    /** Σ of the counter's increases between consecutive readings with {@code fromMs <= time < toMs}. */
    private long increases(String station, String device, long fromMs, long toMs) {
        String m = '"' + settings.measurement() + '"';
        return byDevice(run(new Query("SELECT sum(\"step\") FROM (SELECT non_negative_difference(\"ac_energy\")"
                + " AS \"step\" FROM " + m + " WHERE \"station\" = $station AND \"kind\" = 'inverter'"
                + " AND \"device\" = $device AND time >= " + TimeUnit.MILLISECONDS.toNanos(fromMs) + " AND time < "
                + TimeUnit.MILLISECONDS.toNanos(toMs) + " GROUP BY \"device\") GROUP BY \"device\"", settings.database())
                .bindParameter("station", station).bindParameter("device", device)), station, false)
                .getOrDefault(device, new Counter(0, 0)).wh();
    }

    /** The station's swaps up to {@code toNs}, by device, oldest first; none when the collector recorded none. */
    private Map<String, List<SwapRow>> swaps(String station, long toNs) {
        QueryResult.Result r;
        try {
            r = run(new Query("SELECT \"old_serial\", \"new_serial\" FROM " + SWAPS + " WHERE \"station\" = $station"
                    + " AND time <= " + toNs + " GROUP BY \"device\"", settings.database()).bindParameter("station", station));
        } catch (EnergyUnavailableException e) {
            if (e.getMessage().contains("retention policy not found")) {
                return Map.of(); // a collector from before swaps were recorded: there are none to know of
            }
            throw e;
        }
        Map<String, List<SwapRow>> out = new HashMap<>();
        if (r.getSeries() != null) {
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    out.computeIfAbsent(s.getTags().get("device"), k -> new ArrayList<>()).add(new SwapRow(
                            ((Number) row.get(0)).longValue(), String.valueOf(row.get(1)), String.valueOf(row.get(2))));
                }
            }
        }
        return out;
    }

    private Map<String, Counter> counters(String influxql, String stationCode) {
        return byDevice(run(new Query(influxql, settings.database()).bindParameter("station", stationCode)), stationCode, true);
    }

    /** The one result of a one-statement query, or EnergyUnavailableException saying what went wrong. */
    private QueryResult.Result run(Query q) {
        QueryResult result;
        try {
            result = influx.query(q, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            throw new EnergyUnavailableException("InfluxDB at " + settings.url() + " did not answer: " + e.getMessage(),
                    e);
        }
        if (result.hasError()) {
            throw new EnergyUnavailableException("InfluxDB query failed: " + result.getError());
        }
        List<QueryResult.Result> results = result.getResults() == null ? List.of() : result.getResults();
        if (results.size() != 1) {
            throw new EnergyUnavailableException("InfluxDB returned " + results.size() + " results for one query");
        }
        if (results.get(0).hasError()) {
            throw new EnergyUnavailableException("InfluxDB query on database " + settings.database() + " failed: "
                    + results.get(0).getError());
        }
        return results.get(0);
    }

    /**
     * Each device's value of a one-row-per-device result, floored to whole Wh, with the row's time when
     * {@code timed} (a reading; an aggregate's time is the query's start, not a reading's).
     */
    private static Map<String, Counter> byDevice(QueryResult.Result r, String station, boolean timed) {
        Map<String, Counter> out = new HashMap<>();
        if (r.getSeries() == null) {
            return out;
        }
        for (QueryResult.Series s : r.getSeries()) {
            String device = s.getTags() == null ? null : s.getTags().get("device");
            if (device == null || s.getValues() == null || s.getValues().isEmpty()) {
                continue;
            }
            Object v = s.getValues().get(0).get(1);
            if (!(v instanceof Number n)) {
                continue;
            }
            double wh = n.doubleValue();
            if (!Double.isFinite(wh) || wh < 0 || wh >= MAX_EXACT) {
                throw new EnergyUnavailableException("ac_energy of " + station + "/" + device + " is " + v
                        + " Wh, not a usable counter value");
            }
            long ms = timed && s.getValues().get(0).get(0) instanceof Number t ? t.longValue() : 0;
            out.put(device, new Counter(ms, (long) Math.floor(wh)));
        }
        return out;
    }

    @PreDestroy
    void close() {
        influx.close();
    }
}
