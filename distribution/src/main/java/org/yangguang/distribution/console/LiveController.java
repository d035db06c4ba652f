package org.yangguang.distribution.console;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.access.AuditEvent;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator pages' view of the fleet: the collector's query API behind this service's login, alarms with their
 * acknowledgements, and a server-sent event stream ({@code /api/live/events}) that pushes station state and active
 * alarms every {@code yangguang.console.live-interval} so the page updates without reloading.
 */
@Controller("/api/live")
@Secured({"OPERATOR", "ADMIN", "AUDITOR"})
@ExecuteOn(TaskExecutors.BLOCKING)
public class LiveController {
    private static final Argument<List<Map<String, Object>>> ROWS = Argument.listOf(Argument.mapOf(String.class, Object.class));

    private final CollectorClient collector;
    private final AlarmAcknowledgements acks;
    private final Scopes scopes;
    private final JsonMapper json;
    private final Duration interval;

    public LiveController(CollectorClient collector, AlarmAcknowledgements acks, Scopes scopes, JsonMapper json,
                          @Value("${yangguang.console.live-interval:5s}") Duration interval) {
        this.collector = collector;
        this.acks = acks;
        this.scopes = scopes;
        this.json = json;
        this.interval = interval;
    }

    @Serdeable
    public record AckRequest(@Nullable String key, @Nullable String reason) {
    }

    @Get(uri = "/stations", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> stations() {
        return pass(collector.get("/api/stations", Map.of()));
    }

    @Get(uri = "/stations/{station}/series", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> series(@PathVariable String station, @QueryValue @Nullable String field,
                                       @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                       @QueryValue @Nullable String device) {
        Map<String, String> q = new HashMap<>();
        q.put("field", field);
        q.put("from", from);
        q.put("to", to);
        q.put("device", device);
        return pass(collector.get("/api/stations/" + id(station) + "/series", q));
    }

    @Get(uri = "/stations/{station}/energy", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> energy(@PathVariable String station, @QueryValue @Nullable String from,
                                       @QueryValue @Nullable String to) {
        Map<String, String> q = new HashMap<>();
        q.put("from", from);
        q.put("to", to);
        return pass(collector.get("/api/stations/" + id(station) + "/energy", q));
    }

    @Get(uri = "/stations/{station}/inverters/ranking", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> inverterRanking(@PathVariable String station, @QueryValue @Nullable String date) {
        Map<String, String> q = new HashMap<>();
        q.put("date", date);
        return pass(collector.get("/api/stations/" + id(station) + "/inverters/ranking", q));
    }

    /** Each device's nameplate (make, model, serial, firmware, since when) and its inverter swaps. */
    @Get(uri = "/stations/{station}/devices", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> devices(@PathVariable String station) {
        return pass(collector.get("/api/stations/" + id(station) + "/devices", Map.of()));
    }

    /** Inverter swaps, newest first: the whole fleet, or one station. */
    @Get(uri = "/swaps", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> swaps(@QueryValue @Nullable String station, @QueryValue @Nullable String from) {
        Map<String, String> q = new HashMap<>();
        q.put("station", station == null ? null : id(station));
        q.put("from", from);
        return pass(collector.get("/api/swaps", q));
    }

    @Get(uri = "/ranking", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> ranking(@QueryValue @Nullable String date) {
        Map<String, String> q = new HashMap<>();
        q.put("date", date);
        return pass(collector.get("/api/ranking", q));
    }

    /** Active alarms (or the last week's with {@code active=false}), each with its key and acknowledgement. */
    @Get("/alarms")
    public List<Map<String, Object>> alarms(@QueryValue @Nullable String station, @QueryValue @Nullable String active) {
        Map<String, String> q = new HashMap<>();
        q.put("station", station);
        q.put("active", active);
        CollectorClient.Answer a = collector.get("/api/alarms", q);
        if (a.status() != 200) {
            throw ApiException.badRequest("bad_query", "collector refused the alarm query: " + a.json(), null);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : parse(a.json())) {
            Map<String, Object> r = new LinkedHashMap<>(row);
            String key = key(row);
            r.put("key", key);
            AuditEvent ack = acks.of(key).orElse(null);
            r.put("acknowledgedBy", ack == null ? null : ack.actor());
            r.put("acknowledgedAt", ack == null ? null : ack.at().toString());
            r.put("acknowledgeReason", ack == null ? null : ack.reason());
            out.add(r);
        }
        return out;
    }

    /** Acknowledges an active alarm; idempotent (the first acknowledgement stands). */
    @Post("/alarms/acknowledge")
    public Map<String, Object> acknowledge(Authentication auth, @Body AckRequest body) {
        Actor actor = Actors.of(auth);
        scopes.requireRole(actor, Role.OPERATOR, Role.ADMIN);
        if (body.key() == null || body.key().isBlank()) {
            throw ApiException.badRequest("missing_field", "key of the alarm is required", "key");
        }
        boolean active = alarms(null, null).stream().anyMatch(r -> body.key().equals(r.get("key")));
        if (!active) {
            throw ApiException.notFound("unknown_alarm", "no active alarm with key '" + body.key() + "'", "key");
        }
        AuditEvent e = acks.acknowledge(actor, body.key(), body.reason());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", body.key());
        out.put("acknowledgedBy", e.actor());
        out.put("acknowledgedAt", e.at().toString());
        out.put("acknowledgeReason", e.reason());
        return out;
    }

    /**
     * Server-sent events: {@code live} with {@code {"stations":[...],"alarms":[...]}} at once and then every
     * interval; when the collector cannot be reached, an {@code unavailable} event with the reason instead, and the
     * stream goes on (it recovers by itself when the collector is back).
     */
    @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.IO)
    public Publisher<Event<String>> events() {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .publishOn(Schedulers.boundedElastic())
                .map(tick -> snapshot());
    }

    private Event<String> snapshot() {
        try {
            CollectorClient.Answer s = collector.get("/api/stations", Map.of());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("stations", parse(s.json()));
            out.put("alarms", alarms(null, null));
            return Event.of(json.writeValueAsString(out)).name("live");
        } catch (ApiException e) {
            return Event.of(e.getMessage()).name("unavailable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Map<String, Object> row) {
        Object ts = row.get("ts");
        long at = ts instanceof Number n ? n.longValue() : 0L;
        return AlarmAcknowledgements.key((String) row.get("station"), (String) row.get("device"),
                (String) row.get("type"), at);
    }

    private List<Map<String, Object>> parse(String body) {
        try {
            return json.readValue(body, ROWS);
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "collector_unavailable",
                    "the collector answered something that is not a JSON list: " + e.getMessage(), null);
        }
    }

    private static HttpResponse<String> pass(CollectorClient.Answer a) {
        // the collector's refusals are {"error": text}: they become this API's catalogue codes, so the console can
        // say them in the user's language (the collector's text stays in the message for API clients)
        if (a.status() >= 500) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "collector_unavailable",
                    "the collector answered " + a.status() + ": " + a.json(), null);
        }
        if (a.status() >= 400) {
            throw ApiException.badRequest("bad_query", "the collector refused the query: " + a.json(), null);
        }
        return HttpResponse.<String>status(HttpStatus.valueOf(a.status())).contentType(MediaType.APPLICATION_JSON)
                .body(a.json());
    }

    /** Same id rule as the MQTT contract's topics, so nothing odd reaches the collector's URL. */
    private static String id(String v) {
        if (!v.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw ApiException.badRequest("bad_id", "'" + v + "' is not a station or device id", "station");
        }
        return v;
    }
}
