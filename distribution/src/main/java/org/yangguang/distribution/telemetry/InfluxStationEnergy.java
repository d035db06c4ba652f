package org.yangguang.distribution.telemetry;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * counter in Wh (a float field holding an integer).
 *
 * <p>For [from, to) the station's energy is Σ over its inverters of
 * (last {@code ac_energy} at or before {@code to}) − (last {@code ac_energy} at or before {@code from}, or, for
 * an inverter with no reading before the period, its first reading inside it). Consecutive periods therefore add
 * up exactly: the end reading of one is the start reading of the next.
 *
 * <p>A counter reset (inverter replaced, firmware reset) makes that difference negative. For such an inverter
 * the energy is instead the sum of the counter's increases between consecutive readings, from the start reading
 * to the end reading, with the step across the reset counted as 0, the collector's rule for its energy roll-ups
 * too. That never counts energy twice; it misses what the inverter produced between its last reading before the
 * reset and its first after (one poll interval, or the new inverter's first counter value), which is the
 * conservative side for money. The reading names each such inverter ({@link EnergyReading#resets()}), and
 * consecutive periods still add up (each sum starts at the reading the previous one ended with). Sub-Wh
 * fractions a scale factor may produce are dropped (floor) on both readings, or on the sum across a reset.
 */
@Singleton
public class InfluxStationEnergy implements StationEnergy {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxStationEnergy.class);
    /** Doubles hold integers exactly only up to 2^53. */
    private static final double MAX_EXACT = 9_007_199_254_740_992d;

    private final InfluxSettings settings;
    private final InfluxDB influx;

    public InfluxStationEnergy(InfluxSettings settings) {
        this.settings = settings;
        this.influx = settings.username().isEmpty()
                ? InfluxDBFactory.connect(settings.url())
                : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password());
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
        // Three queries, not one multi-statement request: InfluxDB 1.6 answers a multi-statement query on a
        // missing database with only "not executed", hiding the real error.
        Map<String, Long> end = query("SELECT last(\"ac_energy\")" + select + "time <= " + toNs
                + " GROUP BY \"device\"", stationCode);
        Map<String, Long> before = query("SELECT last(\"ac_energy\")" + select + "time <= " + fromNs
                + " GROUP BY \"device\"", stationCode);
        Map<String, Long> firstInside = query("SELECT first(\"ac_energy\")" + select + "time >= " + fromNs
                + " AND time < " + toNs + " GROUP BY \"device\"", stationCode);
        Map<String, Long> delta = new TreeMap<>();
        List<EnergyReading.CounterReset> resets = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : end.entrySet()) {
            String device = e.getKey();
            Long start = before.containsKey(device) ? before.get(device) : firstInside.get(device);
            if (start == null) {
                // the device's only reading is exactly at `to`: nothing was measured inside the period
                continue;
            }
            long d = e.getValue() - start;
            if (d < 0) {
                // the first reading inside the period (the end reading when it is the only one) follows the start
                long first = firstInside.getOrDefault(device, e.getValue());
                d = acrossReset(stationCode, device, before.containsKey(device) ? start : null, first, fromNs, toNs);
                resets.add(new EnergyReading.CounterReset(device, start, e.getValue()));
                LOG.info("energy {}/{} [{}, {}): counter went from {} Wh to {} Wh; {} Wh summed over its increases",
                        stationCode, device, from, to, start, e.getValue(), d);
            }
            delta.put(device, d);
            total = Math.addExact(total, d);
        }
        LOG.debug("energy {} [{}, {}) = {} Wh from {} inverters", stationCode, from, to, total, delta.size());
        return new EnergyReading(stationCode, from, to, total, delta, resets);
    }

    /**
     * Σ of the counter's increases over the start reading ({@code before}, null when the first reading inside the
     * period is the start) and every reading in [from, to]; a decrease adds 0.
     */
    private long acrossReset(String station, String device, Long before, long firstInside, long fromNs, long toNs) {
        String m = '"' + settings.measurement() + '"';
        long inside = byDevice(run(new Query("SELECT sum(\"step\") FROM (SELECT non_negative_difference(\"ac_energy\")"
                + " AS \"step\" FROM " + m + " WHERE \"station\" = $station AND \"kind\" = 'inverter'"
                + " AND \"device\" = $device AND time >= " + fromNs + " AND time <= " + toNs + " GROUP BY \"device\")"
                + " GROUP BY \"device\"", settings.database()).bindParameter("station", station)
                .bindParameter("device", device)), station).getOrDefault(device, 0L);
        long boundary = before == null ? 0 : Math.max(0, firstInside - before);
        return Math.addExact(boundary, inside);
    }

    private Map<String, Long> query(String influxql, String stationCode) {
        return byDevice(run(new Query(influxql, settings.database()).bindParameter("station", stationCode)), stationCode);
    }

    /** The one result of a one-statement query, or EnergyUnavailableException saying what went wrong. */
    private QueryResult.Result run(Query q) {
        QueryResult result;
        try {
            result = influx.query(q);
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

    private static Map<String, Long> byDevice(QueryResult.Result r, String station) {
        Map<String, Long> out = new HashMap<>();
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
            out.put(device, (long) Math.floor(wh));
        }
        return out;
    }

    @PreDestroy
    void close() {
        influx.close();
    }
}
