package org.yangguang.collector;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.registry.RegistrySource;
import org.yangguang.collector.registry.RegistrySync;
import org.yangguang.collector.validation.StationRegistry;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's side of the registry of record against a real HTTP server standing in for distribution's
 * {@code GET /api/registry} (with Basic authentication): fetched and cached; distribution gone, the registry kept and
 * said so; a new start with distribution down served from the cache; a refused credential named as such. The same
 * against distribution itself, in a collector process: integration's RegistryOfRecordTest.
 */
public class RegistrySyncTest {
    public static final String USER = "collector-lin";
    public static final String SECRET = "s3cret-s3cret-s3cret";

    @TempDir
    Path dir;

    @Test
    void fetchedCachedKeptWhenDistributionIsGoneAndStartedFromTheCache() throws Exception {
        AtomicReference<String> feed = new AtomicReference<>(RegistryDocumentTest.FEED);
        HttpServer server = distribution(feed);
        RegistrySource source = new RegistrySource(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                USER, SECRET, dir.resolve("state/registry-cache.json"), Duration.ofSeconds(3600));
        StationRegistry registry = StationRegistry.empty();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (RegistrySync sync = new RegistrySync(source, registry, Clock.systemUTC(), meters)) {
            sync.start();
            assertThat(sync.origin()).isEqualTo(RegistrySync.Origin.DISTRIBUTION);
            assertThat(registry.device("lin-baiwen-01", "inv-01").orElseThrow().kwp()).isEqualTo(50);
            assertThat(Files.readString(source.cache())).contains("\"inv-01\"").contains("fetchedAt");
            assertThat(meters.scrape()).contains("yangguang_collector_registry_from_cache 0.0");

            feed.set(RegistryDocumentTest.FEED.replace("\"inv-01\"", "\"inv-07\""));
            sync.refresh();
            assertThat(registry.knows("lin-baiwen-01", "inv-07")).isTrue();
            assertThat(registry.knows("lin-baiwen-01", "inv-01")).isFalse();

            server.stop(0);
            sync.refresh();
            assertThat(sync.origin()).isEqualTo(RegistrySync.Origin.CACHE);
            assertThat(sync.health().getString("source")).isEqualTo("cache: distribution unreachable");
            assertThat(sync.health().getString("last_error")).contains("ConnectException");
            assertThat(registry.knows("lin-baiwen-01", "inv-07")).as("kept").isTrue();
            assertThat(meters.scrape()).contains("yangguang_collector_registry_from_cache 1.0")
                    .contains("yangguang_collector_registry_refresh_failures_total 1.0");
        }

        StationRegistry restarted = StationRegistry.empty();
        try (RegistrySync sync = new RegistrySync(source, restarted, Clock.systemUTC(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            sync.start();
            assertThat(sync.origin()).isEqualTo(RegistrySync.Origin.CACHE);
            assertThat(restarted.knows("lin-baiwen-01", "inv-07")).isTrue();
            assertThat(restarted.station("lin-baiwen-01").orElseThrow().lat()).isEqualTo(37.95);
            assertThat(sync.health().getInteger("devices")).isEqualTo(2);
        }
    }

    @Test
    void withoutDistributionOrCacheNothingIsKnownAndAWrongSecretIsNamed() throws Exception {
        HttpServer server = distribution(new AtomicReference<>(RegistryDocumentTest.FEED));
        try {
            RegistrySource wrong = new RegistrySource(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    USER, "not-the-secret", dir.resolve("cache.json"), Duration.ofSeconds(3600));
            try (RegistrySync sync = new RegistrySync(wrong, StationRegistry.empty(), Clock.systemUTC(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                sync.start();
                assertThat(sync.origin()).isEqualTo(RegistrySync.Origin.NONE);
                assertThat(sync.health().getString("source")).startsWith("none");
                assertThat(sync.health().getString("last_error")).contains("HTTP 401").contains("user:secret");
                assertThat(Files.exists(dir.resolve("cache.json"))).isFalse();
            }
        } finally {
            server.stop(0);
        }
    }

    /** A real HTTP server answering GET /api/registry for USER:SECRET only, with whatever {@code feed} holds. */
    public static HttpServer distribution(AtomicReference<String> feed) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        server.createContext("/api/registry", exchange -> {
            byte[] body;
            int status;
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"code\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = feed.get().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
