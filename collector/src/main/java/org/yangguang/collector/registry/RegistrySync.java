package org.yangguang.collector.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.validation.StationRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the collector's {@link StationRegistry} in step with distribution's registry of record: fetched at start,
 * refreshed every {@link RegistrySource#refresh()}, and every good answer written to a cache file first. When
 * distribution cannot be reached the collector keeps what it has — at start, the cache — and says so: in the log
 * (once per change, not per try), in /health ({@link #health()}) and in /metrics
 * ({@code yangguang_collector_registry_from_cache}, {@code _age_seconds}, {@code _refresh_failures_total}).
 * Fetches run on a thread of their own: they block on the network, never on the event loop.
 */
public final class RegistrySync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrySync.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Where the registry in use came from. */
    public enum Origin { DISTRIBUTION, CACHE, NONE }

    private final RegistrySource source;
    private final StationRegistry registry;
    private final Clock clock;
    private final HttpClient http;
    private final Counter failures;
    private final ScheduledExecutorService timer;
    private volatile Origin origin = Origin.NONE;
    private volatile Instant fetchedAt;
    private volatile String lastError;
    private volatile int stations;
    private volatile int devices;

    public RegistrySync(RegistrySource source, StationRegistry registry, Clock clock, MeterRegistry meters) {
        this.source = source;
        this.registry = registry;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.failures = Counter.builder("yangguang_collector_registry_refresh_failures")
                .description("registry refreshes that failed (distribution unreachable, refused or a bad answer)")
                .register(meters);
        Gauge.builder("yangguang_collector_registry_from_cache", this, s -> s.origin == Origin.DISTRIBUTION ? 0 : 1)
                .description("1 while the stations in use are not distribution's latest answer (the cache, or none)")
                .register(meters);
        Gauge.builder("yangguang_collector_registry_age", this, s -> s.fetchedAt == null ? Double.NaN
                        : Duration.between(s.fetchedAt, s.clock.instant()).toMillis() / 1000.0)
                .baseUnit("seconds").description("time since distribution last answered (what the registry in use is from)")
                .register(meters);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "yangguang-registry-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    /** First load: distribution, else the cache, else nothing (said loudly); then refreshes every interval. */
    public void start() {
        try {
            fetch();
        } catch (RuntimeException | IOException e) {
            failures.increment();
            lastError = message(e);
            loadCache();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long every = source.refresh().toMillis();
        timer.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    /** One refresh (the timer's; tests call it to avoid waiting). Failures keep the registry in use. */
    public void refresh() {
        Origin before = origin;
        try {
            fetch();
            if (before != Origin.DISTRIBUTION) {
                LOG.info("registry: distribution at {} answers again; {} stations, {} devices", source.feed(), stations, devices);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            failures.increment();
            String why = message(e);
            if (origin == Origin.DISTRIBUTION) {
                origin = Origin.CACHE; // what we hold is still the last answer, which the cache holds too
                LOG.warn("registry: distribution at {} cannot be reached ({}); keeping the registry of {} ({} stations) "
                        + "and trying again every {}s", source.feed(), why, fetchedAt, stations, source.refresh().toSeconds());
            } else if (!why.equals(lastError)) {
                LOG.warn("registry: still working without distribution: {}", why);
            }
            lastError = why;
        }
    }

    private void fetch() throws IOException, InterruptedException {
        String body = get(http, source.feed(), source.user(), source.secret());
        RegistryDocument doc = RegistryDocument.parse(body);
        Instant now = clock.instant();
        writeCache(body, now);
        apply(doc, Origin.DISTRIBUTION, now);
        lastError = null;
    }

    /** The registry once, as it is now ({@code broker-access} writes the broker's logins from it). */
    public static RegistryDocument fetchOnce(RegistrySource s) throws IOException, InterruptedException {
        return RegistryDocument.parse(get(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), s.feed(), s.user(),
                s.secret()));
    }

    private static String get(HttpClient http, URI feed, String user, String secret) throws IOException, InterruptedException {
        String credential = Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(feed).timeout(TIMEOUT)
                .header("Authorization", "Basic " + credential).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            String hint = response.statusCode() == 401 ? " (check the service account's user:secret in the credentials file)"
                    : response.statusCode() == 403 ? " (the account is not a COLLECTOR service account)" : "";
            throw new IOException("HTTP " + response.statusCode() + " from " + feed + hint);
        }
        return response.body();
    }

    private void apply(RegistryDocument doc, Origin from, Instant at) {
        registry.replaceDeclared(doc.stations(), doc.gateways(), doc.devices());
        boolean first = fetchedAt == null;
        stations = doc.stations().size();
        devices = doc.devices().size();
        fetchedAt = at;
        origin = from;
        if (first) {
            LOG.info("registry: {} stations, {} devices of county {} from {}", stations, devices, doc.county(),
                    from == Origin.CACHE ? "the cache " + source.cache() + " (written " + at + ")" : source.feed());
        }
    }

    /** The cache: the feed as distribution sent it, with when; replaced atomically so a crash leaves the old one. */
    private void writeCache(String feed, Instant at) throws IOException {
        Path cache = source.cache().toAbsolutePath();
        Files.createDirectories(cache.getParent());
        Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
        Files.writeString(tmp, new JsonObject().put("fetchedAt", at.toString()).put("source", source.feed().toString())
                .put("feed", new JsonObject(feed)).encode(), StandardCharsets.UTF_8);
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void loadCache() {
        Path cache = source.cache();
        if (!Files.exists(cache)) {
            origin = Origin.NONE;
            LOG.error("registry: distribution at {} cannot be reached ({}) and there is no cache at {} yet: no station "
                    + "is known until it answers (trying every {}s)", source.feed(), lastError, cache, source.refresh().toSeconds());
            return;
        }
        try {
            JsonObject stored = new JsonObject(Files.readString(cache, StandardCharsets.UTF_8));
            Instant at = Instant.parse(stored.getString("fetchedAt"));
            apply(RegistryDocument.parse(stored.getJsonObject("feed").encode()), Origin.CACHE, at);
            LOG.warn("registry: distribution at {} cannot be reached ({}); working from the cache written {} ({} stations, "
                    + "{} devices), trying again every {}s", source.feed(), lastError, at, stations, devices,
                    source.refresh().toSeconds());
        } catch (IOException | RuntimeException e) {
            origin = Origin.NONE;
            LOG.error("registry: distribution cannot be reached ({}) and the cache {} cannot be read: {}", lastError, cache,
                    message(e));
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    public Origin origin() {
        return origin;
    }

    /** For /health: where the registry in use comes from, how old it is, and the last error if any. */
    public JsonObject health() {
        JsonObject o = new JsonObject().put("source", switch (origin) {
            case DISTRIBUTION -> "distribution";
            case CACHE -> "cache: distribution unreachable";
            case NONE -> "none: distribution unreachable and no cache";
        }).put("stations", stations).put("devices", devices);
        if (fetchedAt != null) {
            o.put("fetched_at", fetchedAt.toString());
        }
        if (lastError != null) {
            o.put("last_error", lastError);
        }
        return o;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
