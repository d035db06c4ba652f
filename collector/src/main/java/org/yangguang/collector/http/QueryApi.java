package org.yangguang.collector.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.yangguang.collector.alarm.AlarmHistory;
import org.yangguang.collector.rollup.StationReports;
import org.yangguang.contract.Topics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The dashboards' read API (JSON). Every query runs on the worker executor; the event loop only routes.
 * <pre>
 * GET /api/stations                                       live state of every station
 * GET /api/stations/{station}/series?field=ac_power&from=&to=[&device=]   a series, rollup level chosen by range
 * GET /api/stations/{station}/energy?from=YYYY-MM-DD&to=YYYY-MM-DD        daily and monthly energy, EH, PR
 * GET /api/stations/{station}/inverters/ranking?date=YYYY-MM-DD           inverters by kWh/kWp
 * GET /api/ranking?date=YYYY-MM-DD                                         stations by equivalent hours
 * GET /api/alarms?station=&active=true                                     alarms (see AlarmEngine)
 * </pre>
 */
public final class QueryApi {
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final StationReports reports;
    private final AlarmHistory alarms;
    private final Clock clock;

    public QueryApi(StationReports reports, AlarmHistory alarms, Clock clock) {
        this.reports = reports;
        this.alarms = alarms;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.get("/api/stations").handler(rc -> run(rc, () -> {
            JsonArray out = new JsonArray();
            for (StationReports.Live l : reports.live(clock.millis())) {
                JsonObject o = new JsonObject().put("station", l.station()).put("kwp", l.kwp()).put("inverters", l.devices())
                        .put("reporting", l.reporting()).put("power_w", round(l.powerW(), 1))
                        .put("energy_today_kwh", round(l.energyTodayWh() / 1000, 3));
                if (l.lastReadingMs() != null) {
                    o.put("last_reading_ms", l.lastReadingMs());
                }
                if (Double.isFinite(l.lat()) && Double.isFinite(l.lon())) {
                    o.put("lat", l.lat()).put("lon", l.lon()); // where the registry places it: the console's map
                }
                out.add(o);
            }
            return out;
        }));
        router.get("/api/stations/:station/series").handler(rc -> run(rc, () -> {
            String station = id(rc.pathParam("station"), "station");
            String device = rc.queryParams().get("device") == null ? null : id(rc.queryParams().get("device"), "device");
            String field = rc.queryParams().get("field") == null ? "ac_power" : rc.queryParams().get("field");
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("field '" + field + "' must be a point name like ac_power");
            }
            long to = instant(rc.queryParams().get("to"), clock.millis(), "to");
            long from = instant(rc.queryParams().get("from"), to - 86_400_000L, "from");
            if (from >= to) {
                throw new IllegalArgumentException("from must be before to");
            }
            StationReports.SeriesResult r = reports.series(station, device, field, from, to);
            JsonArray points = new JsonArray();
            r.points().forEach(p -> points.add(new JsonArray().add(p.timeMs()).add(p.value())));
            return new JsonObject().put("station", station).put("device", device).put("field", field)
                    .put("level", r.level()).put("points", points);
        }));
        router.get("/api/stations/:station/energy").handler(rc -> run(rc, () -> {
            String station = id(rc.pathParam("station"), "station");
            LocalDate today = LocalDate.now(clock.withZone(reportsZone()));
            LocalDate to = date(rc.queryParams().get("to"), today, "to");
            LocalDate from = date(rc.queryParams().get("from"), to.minusDays(29), "from");
            if (from.isAfter(to) || from.plusDays(1100).isBefore(to)) {
                throw new IllegalArgumentException("from must be on or before to, at most 3 years apart");
            }
            JsonArray days = new JsonArray();
            for (StationReports.Day d : reports.days(station, from, to, clock.millis())) {
                days.add(new JsonObject().put("date", d.date().toString()).put("energy_kwh", round(d.energyWh() / 1000, 3))
                        .put("equivalent_hours", round(d.equivalentHours(), 3))
                        .put("irradiation_kwh_m2", d.irradiationWhM2() == null ? null : round(d.irradiationWhM2() / 1000, 3))
                        .put("performance_ratio", round(d.performanceRatio(), 4)));
            }
            JsonArray months = new JsonArray();
            for (StationReports.Month m : reports.months(station, YearMonth.from(from), YearMonth.from(to))) {
                months.add(new JsonObject().put("month", m.month().toString()).put("energy_kwh", round(m.energyWh() / 1000, 3))
                        .put("equivalent_hours", round(m.equivalentHours(), 3)).put("performance_ratio", round(m.performanceRatio(), 4)));
            }
            return new JsonObject().put("station", station).put("kwp", reports.kwp(station)).put("days", days).put("months", months);
        }));
        router.get("/api/stations/:station/inverters/ranking").handler(rc -> run(rc, () -> {
            String station = id(rc.pathParam("station"), "station");
            LocalDate day = date(rc.queryParams().get("date"), LocalDate.now(clock.withZone(reportsZone())), "date");
            return ranking(reports.inverterRanking(station, day), "device");
        }));
        router.get("/api/alarms").handler(rc -> run(rc, () -> {
            String station = rc.queryParams().get("station") == null ? null : id(rc.queryParams().get("station"), "station");
            boolean activeOnly = !"false".equals(rc.queryParams().get("active"));
            long from = instant(rc.queryParams().get("from"), clock.millis() - 7 * 86_400_000L, "from");
            JsonArray out = new JsonArray();
            for (AlarmHistory.Row r : activeOnly ? alarms.active(station) : alarms.history(station, from)) {
                out.add(new JsonObject().put("ts", r.ts()).put("station", r.station()).put("device", r.device())
                        .put("type", r.type()).put("state", r.state()).put("severity", r.severity()).put("detail", r.detail())
                        .put("detail_code", r.detailCode()).put("params", new JsonObject(r.params())));
            }
            return out;
        }));
        router.get("/api/ranking").handler(rc -> run(rc, () -> {
            LocalDate day = date(rc.queryParams().get("date"), LocalDate.now(clock.withZone(reportsZone())), "date");
            return ranking(reports.stationRanking(day), "station");
        }));
    }

    private java.time.ZoneId reportsZone() {
        return reports.zone();
    }

    private static JsonArray ranking(List<StationReports.Ranked> ranked, String key) {
        JsonArray out = new JsonArray();
        int rank = 1;
        for (StationReports.Ranked r : ranked) {
            out.add(new JsonObject().put("rank", rank++).put(key, r.id()).put("energy_kwh", round(r.energyWh() / 1000, 3))
                    .put("kwp", r.kwp()).put("specific_yield_kwh_kwp", round(r.specificYield(), 3)));
        }
        return out;
    }

    /** Runs a blocking query on the worker and answers JSON; bad parameters are 400 with the reason. */
    static void run(RoutingContext rc, Callable<Object> query) {
        rc.vertx().<Object>executeBlocking(query, false).onComplete(ar -> {
            if (ar.succeeded()) {
                Object body = ar.result();
                rc.response().putHeader("content-type", "application/json")
                        .end(body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode());
            } else if (ar.cause() instanceof IllegalArgumentException e) {
                rc.response().setStatusCode(400).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("error", e.getMessage()).encode());
            } else {
                rc.response().setStatusCode(503).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("error", "storage query failed: " + ar.cause().getMessage()).encode());
            }
        });
    }

    static String id(String v, String what) {
        if (!Topics.isId(v)) {
            throw new IllegalArgumentException(what + " '" + v + "' must match " + Topics.ID.pattern());
        }
        return v;
    }

    static long instant(String v, long fallback, String what) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + v + "' must be epoch milliseconds or an ISO instant like 2026-06-21T00:00:00Z");
        }
    }

    static LocalDate date(String v, LocalDate fallback, String what) {
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " '" + v + "' must be a date like 2026-06-21");
        }
    }

    static Double round(Double v, int scale) {
        return v == null ? null : BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN).doubleValue();
    }
}
