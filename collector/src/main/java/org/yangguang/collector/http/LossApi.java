package org.yangguang.collector.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.yangguang.collector.expected.ExpectedEnergy;
import org.yangguang.collector.loss.LossReports;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * What faults cost, in energy (docs/lost-revenue.md has the method and the contract for distribution, which prices it):
 * <pre>
 * GET /api/losses?from=YYYY-MM-DD&amp;to=YYYY-MM-DD[&amp;station=][&amp;device=][&amp;type=]
 *     lost Wh per station and local day, and episode by episode (with each episode's days), for the period
 * GET /api/losses/open[?station=]
 *     the episodes open now with their loss so far, ranked by their loss over the last 24 hours: the repair queue
 * GET /api/stations/{station}/expected?from=&amp;to=[&amp;device=]
 *     expected against actual energy per inverter and 5-minute bucket, with the method (at most 7 days)
 * </pre>
 */
public final class LossApi {
    static final long MAX_EXPECTED_RANGE_MS = 7 * 86_400_000L;
    static final int MAX_PERIOD_DAYS = 1100;

    private final LossReports reports;
    private final Clock clock;

    public LossApi(LossReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.get("/api/losses").handler(rc -> QueryApi.run(rc, () -> period(rc)));
        router.get("/api/losses/open").handler(rc -> QueryApi.run(rc, () -> {
            String station = optionalId(rc, "station");
            JsonArray out = new JsonArray();
            int rank = 1;
            for (LossReports.EpisodeLoss e : reports.open(station, clock.millis())) {
                out.add(episode(e).put("rank", rank++));
            }
            return out;
        }));
        router.get("/api/stations/:station/expected").handler(rc -> QueryApi.run(rc, () -> {
            String station = QueryApi.id(rc.pathParam("station"), "station");
            String device = optionalId(rc, "device");
            long to = QueryApi.instant(rc.queryParams().get("to"), clock.millis(), "to");
            long from = QueryApi.instant(rc.queryParams().get("from"), to - 86_400_000L, "from");
            if (from >= to || to - from > MAX_EXPECTED_RANGE_MS) {
                throw new IllegalArgumentException("from must be before to, at most 7 days apart (5-minute rows)");
            }
            JsonArray rows = new JsonArray();
            for (ExpectedEnergy.Estimate e : reports.expected(station, device, from, to)) {
                rows.add(new JsonObject().put("ts", e.bucket()).put("device", e.device())
                        .put("expected_wh", QueryApi.round(e.expectedWh(), 1)).put("actual_wh", QueryApi.round(e.actualWh(), 1))
                        .put("method", e.method().code()).put("basis", e.basis().code()).put("peers", e.peers())
                        .put("note", e.note()));
            }
            return new JsonObject().put("station", station).put("device", device).put("bucket_minutes", 5).put("rows", rows);
        }));
    }

    private JsonObject period(RoutingContext rc) throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(reports.zone()));
        LocalDate to = QueryApi.date(rc.queryParams().get("to"), today, "to");
        LocalDate from = QueryApi.date(rc.queryParams().get("from"), to.withDayOfMonth(1), "from");
        if (from.isAfter(to) || from.plusDays(MAX_PERIOD_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("from must be on or before to, at most 3 years apart");
        }
        String type = rc.queryParams().get("type");
        if (type != null && !type.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("type '" + type + "' must be an alarm kind like zero_output_daylight");
        }
        LossReports.Period p = reports.period(optionalId(rc, "station"), optionalId(rc, "device"), type, from, to, clock.millis());
        JsonArray stations = new JsonArray();
        for (LossReports.StationLoss s : p.stations()) {
            JsonArray days = new JsonArray();
            for (Map.Entry<LocalDate, Long> d : s.days().entrySet()) {
                days.add(new JsonObject().put("date", d.getKey().toString()).put("lost_wh", d.getValue()));
            }
            stations.add(new JsonObject().put("station", s.station()).put("lost_wh", s.lostWh())
                    .put("unconfirmed_wh", s.unconfirmedWh()).put("days", days));
        }
        JsonArray episodes = new JsonArray();
        p.episodes().forEach(e -> episodes.add(episode(e)));
        return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("zone", reports.zone().getId())
                .put("lost_wh", p.lostWh()).put("lost_kwh", QueryApi.round(p.lostWh() / 1000.0, 3))
                .put("unconfirmed_wh", p.unconfirmedWh()).put("unpriced_buckets", p.unpricedBuckets())
                .put("stations", stations).put("episodes", episodes);
    }

    private static JsonObject episode(LossReports.EpisodeLoss e) {
        JsonArray days = new JsonArray();
        e.days().forEach(d -> days.add(new JsonObject().put("date", d.date().toString()).put("lost_wh", d.lostWh())
                .put("method", d.method())));
        JsonObject o = new JsonObject().put("id", e.id()).put("station", e.station()).put("device", e.device())
                .put("type", e.type()).put("severity", e.severity()).put("detail", e.detail())
                .put("since", e.since()).put("until", e.until()).put("state", e.state())
                .put("lost_wh", e.lostWh()).put("lost_kwh", QueryApi.round(e.lostWh() / 1000.0, 3))
                .put("expected_wh", e.expectedWh()).put("actual_wh", e.actualWh())
                .put("unconfirmed_wh", e.unconfirmedWh()).put("modelled_wh", e.modelledWh())
                .put("unpriced_buckets", e.unpricedBuckets()).put("method", e.method()).put("note", e.note())
                .put("days", days);
        if (e.lastDayLostWh() != null) {
            o.put("lost_wh_last_24h", e.lastDayLostWh());
        }
        return o;
    }

    private static String optionalId(RoutingContext rc, String name) {
        String v = rc.queryParams().get(name);
        return v == null ? null : QueryApi.id(v, name);
    }
}
