package org.yangguang.distribution.loss;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.console.CollectorClient;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the collector's loss API ({@code /api/losses}, {@code /api/losses/open}): the collector knows the energy,
 * distribution knows tariffs and villages. An answer that is not what the contract says is a 503 naming the field,
 * never a silent zero.
 */
@Singleton
public class CollectorLosses {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);
    private static final List<String> STATES = List.of("open", "closed", "expired");

    private final CollectorClient collector;
    private final JsonMapper json;

    public CollectorLosses(CollectorClient collector, JsonMapper json) {
        this.collector = collector;
        this.json = json;
    }

    /**
     * Episodes as reported, and the ones that could not be read ({@code rejected}: which one and why): one malformed
     * episode is skipped and counted, the rest go on.
     */
    public record Answer(List<ReportedEpisode> episodes, List<String> rejected) {
    }

    /** Episodes with their days in {@code from}..{@code to} (inclusive), optionally of one station, device, kind. */
    public Answer period(LocalDate from, LocalDate to, String station, String device, String type) {
        Map<String, String> q = new HashMap<>();
        q.put("from", from.toString());
        q.put("to", to.toString());
        q.put("station", station);
        q.put("device", device);
        q.put("type", type);
        Map<String, Object> body = object(collector.get("/api/losses", q), "/api/losses");
        return episodes(body.get("episodes"), "/api/losses");
    }

    /** The episodes open now, each with every day since it began. */
    public Answer open() {
        CollectorClient.Answer a = collector.get("/api/losses/open", Map.of());
        require200(a, "/api/losses/open");
        try {
            Object body = json.readValue(a.json(), Object.class);
            Object list = body instanceof Map<?, ?> m ? m.get("episodes") : body;
            return episodes(list, "/api/losses/open");
        } catch (IOException e) {
            throw bad("/api/losses/open", "is not JSON: " + e.getMessage());
        }
    }

    private Map<String, Object> object(CollectorClient.Answer a, String path) {
        require200(a, path);
        try {
            return json.readValue(a.json(), OBJECT);
        } catch (IOException e) {
            throw bad(path, "is not a JSON object: " + e.getMessage());
        }
    }

    private static void require200(CollectorClient.Answer a, String path) {
        if (a.status() != 200) {
            throw bad(path, "answered " + a.status() + " " + a.json());
        }
    }

    private Answer episodes(Object list, String path) {
        if (!(list instanceof List<?> rows)) {
            throw bad(path, "has no episodes list");
        }
        List<ReportedEpisode> out = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                if (!(rows.get(i) instanceof Map<?, ?> m)) {
                    throw bad(path, "episodes[" + i + "] is not an object");
                }
                out.add(episode(m, path + " episodes[" + i + "]"));
            } catch (ApiException e) {
                rejected.add(e.getMessage());
            }
        }
        return new Answer(out, rejected);
    }

    private static ReportedEpisode episode(Map<?, ?> m, String where) {
        List<ReportedEpisode.Day> days = new ArrayList<>();
        if (!(m.get("days") instanceof List<?> ds)) {
            throw bad(where, "has no days");
        }
        for (int i = 0; i < ds.size(); i++) {
            if (!(ds.get(i) instanceof Map<?, ?> d)) {
                throw bad(where, "days[" + i + "] is not an object");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(text(d, "date", where));
            } catch (java.time.format.DateTimeParseException e) {
                throw bad(where, "days[" + i + "].date is not YYYY-MM-DD");
            }
            days.add(new ReportedEpisode.Day(date, whole(d, "lost_wh", where), (String) d.get("method")));
        }
        String state = text(m, "state", where);
        if (!STATES.contains(state)) {
            throw bad(where, "has state '" + state + "', not one of " + STATES);
        }
        Object until = m.get("until");
        Object rate = m.get("lost_wh_last_24h");
        return new ReportedEpisode(text(m, "id", where), text(m, "station", where), text(m, "device", where),
                text(m, "type", where), (String) m.get("severity"), (String) m.get("detail"), whole(m, "since", where),
                until instanceof Number n ? n.longValue() : null, state, whole(m, "lost_wh", where),
                optionalWhole(m, "unconfirmed_wh"), optionalWhole(m, "unpriced_buckets"), (String) m.get("method"),
                (String) m.get("note"), rate instanceof Number r ? r.longValue() : null, days);
    }

    private static String text(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof String s) || s.isBlank()) {
            throw bad(where, "has no " + key);
        }
        return s;
    }

    private static long whole(Map<?, ?> m, String key, String where) {
        if (!(m.get(key) instanceof Number n)) {
            throw bad(where, "has no number " + key);
        }
        if (n.longValue() < 0) {
            throw bad(where, key + " is negative (" + n + ")");
        }
        return n.longValue();
    }

    private static long optionalWhole(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }

    private static ApiException bad(String where, String what) {
        return new ApiException(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE, "collector_unavailable",
                "the collector's " + where + " " + what, null);
    }
}
