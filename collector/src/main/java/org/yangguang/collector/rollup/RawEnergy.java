package org.yangguang.collector.rollup;

import org.yangguang.collector.device.DeviceRecords;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.contract.EnergyCounter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each station's energy over a period straight from the raw counter readings, by the contract's rule
 * ({@link EnergyCounter}), read the way distribution's settlement energy reads it: from each inverter's last reading at
 * or before the start (within {@link RollupStatements#ENERGY_LOOKBACK}; else its first inside) to its last at or
 * before the end, whole Wh, telescoping where the rule
 * allows and summing the counter's increases per unit where a reset or a swap lies between. So "today's kWh" is one
 * figure wherever it is shown: the station list, the station page and the village's revenue agree to the Wh, also in
 * the minutes before the 5-minute rollup has caught up (issue 14: 3.3 kWh on one page, 8.4 on another).
 */
final class RawEnergy {
    /** A counter reading, floored to whole Wh like distribution's reading of it. */
    private record Counter(long ms, long wh) {
        EnergyCounter.Reading reading() {
            return new EnergyCounter.Reading(ms, wh);
        }
    }

    private final TelemetryStore store;
    private final StorageSchema schema;
    private final DeviceRecords devices;

    RawEnergy(TelemetryStore store, StorageSchema schema) {
        this.store = store;
        this.schema = schema;
        this.devices = new DeviceRecords(store, schema);
    }

    /** Wh per station in [fromMs, toMs), inverters only; a station without readings is absent. */
    Map<String, Long> byStation(long fromMs, long toMs) throws StoreException {
        String raw = schema.raw(StorageSchema.TELEMETRY);
        String where = " FROM " + raw + " WHERE kind = 'inverter' AND ";
        long since = fromMs - RollupStatements.ENERGY_LOOKBACK.toMillis();
        Map<String, Counter> end = counters("SELECT last(ac_energy)" + where + "time <= " + toMs + "ms AND time > " + since
                + "ms GROUP BY station, device");
        if (end.isEmpty()) {
            return Map.of();
        }
        // the start reading as far back as the rollups look for one (a gateway's longest plausible gap), so that the
        // live list, asked every few seconds, never scans a station's whole history
        Map<String, Counter> before = counters("SELECT last(ac_energy)" + where + "time <= " + fromMs + "ms AND time > "
                + since + "ms GROUP BY station, device");
        Map<String, Counter> inside = counters("SELECT first(ac_energy)" + where + "time >= " + fromMs + "ms AND time < "
                + toMs + "ms GROUP BY station, device");
        Map<String, List<Long>> swaps = devices.swapTimes(end.keySet().stream().map(k -> k.substring(0, k.indexOf('/')))
                .distinct().toList(), 0, toMs + 1);
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Counter> e : end.entrySet()) {
            Counter start = before.containsKey(e.getKey()) ? before.get(e.getKey()) : inside.get(e.getKey());
            Counter last = e.getValue();
            if (start == null) {
                continue;
            }
            EnergyCounter rule = EnergyCounter.withSwaps(swaps.getOrDefault(e.getKey(), List.of()).stream()
                    .filter(t -> t > start.ms() && t <= last.ms()).toList());
            long wh;
            if (rule.telescopes(start.reading(), last.reading(), false)) {
                wh = last.wh() - start.wh();
            } else {
                wh = 0;
                for (EnergyCounter.Unit u : rule.units(start.ms(), last.ms())) {
                    wh += increases(e.getKey(), u.from(), u.to());
                }
            }
            out.merge(e.getKey().substring(0, e.getKey().indexOf('/')), wh, Long::sum);
        }
        return out;
    }

    /** Σ of one device's counter increases between consecutive readings with {@code fromMs <= time < toMs}. */
    private long increases(String stationDevice, long fromMs, long toMs) throws StoreException {
        int slash = stationDevice.indexOf('/');
        String filter = "station = '" + stationDevice.substring(0, slash) + "' AND device = '" + stationDevice.substring(slash + 1) + "'";
        for (Series s : store.query("SELECT sum(step) FROM (SELECT non_negative_difference(ac_energy) AS step FROM "
                + schema.raw(StorageSchema.TELEMETRY) + " WHERE kind = 'inverter' AND " + filter + " AND time >= " + fromMs
                + "ms AND time < " + toMs + "ms)")) {
            for (List<Object> row : s.values()) {
                if (row.get(1) instanceof Number n) {
                    return (long) Math.floor(n.doubleValue());
                }
            }
        }
        return 0;
    }

    /** One reading per "station/device": its time and whole Wh. */
    private Map<String, Counter> counters(String q) throws StoreException {
        Map<String, Counter> out = new HashMap<>();
        for (Series s : store.query(q)) {
            for (List<Object> row : s.values()) {
                if (row.get(1) instanceof Number n) {
                    out.put(s.tags().get("station") + "/" + s.tags().get("device"),
                            new Counter(((Number) row.get(0)).longValue(), (long) Math.floor(n.doubleValue())));
                }
            }
        }
        return out;
    }
}
