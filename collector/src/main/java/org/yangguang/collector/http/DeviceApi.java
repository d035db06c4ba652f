package org.yangguang.collector.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.yangguang.collector.device.DeviceRecords;
import org.yangguang.collector.device.Swap;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Who the devices are (JSON, on the worker like {@link QueryApi}):
 * <pre>
 * GET /api/stations/{station}/devices        each device's nameplate (since when) and its swaps
 * GET /api/swaps?[station=][&from=]           inverter swaps, newest first (default: the last 90 days)
 * </pre>
 */
public final class DeviceApi {
    private final DeviceRecords records;
    private final Clock clock;

    public DeviceApi(DeviceRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.get("/api/stations/:station/devices").handler(rc -> QueryApi.run(rc, () -> {
            String station = QueryApi.id(rc.pathParam("station"), "station");
            List<Swap> swaps = records.swaps(List.of(station), 0, clock.millis() + 86_400_000L);
            JsonArray out = new JsonArray();
            for (Map.Entry<String, DeviceRecords.Stored> e : records.current(station).entrySet()) {
                DeviceRecords.Stored s = e.getValue();
                JsonArray mine = new JsonArray();
                swaps.stream().filter(w -> w.device().equals(s.device())).forEach(w -> mine.add(swap(w)));
                out.add(new JsonObject().put("device", s.device()).put("kind", s.kind()).put("model", s.telemetryModel())
                        .put("gateway", s.gateway()).put("since", s.ts())
                        .put("nameplate", new JsonObject(new java.util.LinkedHashMap<>(s.nameplate().fields())))
                        .put("swaps", mine));
            }
            return out;
        }));
        router.get("/api/swaps").handler(rc -> QueryApi.run(rc, () -> {
            String station = rc.queryParams().get("station");
            long from = QueryApi.instant(rc.queryParams().get("from"), clock.millis() - 90 * 86_400_000L, "from");
            List<Swap> swaps = station == null
                    ? records.allSwaps(from, clock.millis() + 86_400_000L)
                    : records.swaps(List.of(QueryApi.id(station, "station")), from, clock.millis() + 86_400_000L);
            JsonArray out = new JsonArray();
            for (int i = swaps.size() - 1; i >= 0; i--) {
                out.add(swap(swaps.get(i)));
            }
            return out;
        }));
    }

    private static JsonObject swap(Swap w) {
        return new JsonObject().put("ts", w.ts()).put("station", w.station()).put("device", w.device())
                .put("old_serial", w.oldSerial()).put("new_serial", w.newSerial()).put("old_model", w.oldModel())
                .put("new_model", w.newModel()).put("gateway", w.gateway());
    }
}
