package org.yangguang.collector.config;

import org.yangguang.collector.CollectorConfig;
import org.yangguang.collector.alarm.AlarmMode;
import org.yangguang.collector.http.HttpAuth;
import org.yangguang.collector.log.LogFormat;
import org.yangguang.collector.validation.RegistrationPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Command-line options and their environment-variable equivalents (option {@code --influx-url} ↔
 * {@code YANGGUANG_COLLECTOR_INFLUX_URL}); an option given on the command line wins. Unknown options and bad
 * values fail fast with the option's name.
 */
public final class CommandLine {
    /** {@code envOnly}: a secret, taken from the environment only (a command line is visible to every user in ps). */
    private record Option(String help, BiConsumer<CollectorConfig.Builder, String> apply, boolean envOnly) {
    }

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        opt("mqtt", "broker URL, tcp://host:port or ssl://host:port", CollectorConfig.Builder::mqttUrl);
        opt("mqtt-username", "MQTT user name", CollectorConfig.Builder::mqttUsername);
        opt("mqtt-password", "MQTT password", CollectorConfig.Builder::mqttPassword);
        opt("mqtt-truststore", "trust store (PKCS12/JKS) with the broker's CA, for ssl:// URLs", (b, v) -> b.mqttTrustStore(Path.of(v)));
        opt("mqtt-truststore-password", "trust store password", CollectorConfig.Builder::mqttTrustStorePassword);
        opt("mqtt-ca", "PEM file with the CA certificate(s) the broker's certificate must chain to, for ssl:// URLs", (b, v) -> b.mqttCa(Path.of(v)));
        opt("mqtt-cert", "PEM client certificate, for brokers with require_certificate", (b, v) -> b.mqttCert(Path.of(v)));
        opt("mqtt-key", "PKCS#8 PEM private key of --mqtt-cert (BEGIN PRIVATE KEY)", (b, v) -> b.mqttKey(Path.of(v)));
        opt("mqtt-client", "hivemq (default) or paho: the MQTT client telemetry comes in through",
                (b, v) -> b.mqttClient(org.yangguang.collector.ingest.MqttClientKind.parse(v)));
        opt("client-id", "MQTT client id; keep it stable across restarts so the broker resumes the session", CollectorConfig.Builder::clientId);
        opt("group", "shared-subscription group: collectors in one group split the telemetry", CollectorConfig.Builder::group);
        opt("session-expiry", "seconds the broker keeps this collector's session while it is away", (b, v) -> b.sessionExpirySeconds(Long.parseLong(v)));
        opt("influx", "InfluxDB URL (v1 HTTP API)", CollectorConfig.Builder::influxUrl);
        opt("influx-username", "InfluxDB user", CollectorConfig.Builder::influxUsername);
        opt("influx-password", "InfluxDB password", CollectorConfig.Builder::influxPassword);
        opt("database", "InfluxDB database", CollectorConfig.Builder::database);
        opt("http-host", "address the HTTP server listens on (default 127.0.0.1; 0.0.0.0 for every interface)", CollectorConfig.Builder::httpHost);
        opt("http-port", "HTTP port for /health, /metrics, /api (0 = any free port)", (b, v) -> b.httpPort(Integer.parseInt(v)));
        opt("http-token-file", "file holding the bearer token /api requires (first line)", (b, v) -> b.httpToken(tokenFile(v)));
        OPTIONS.put("http-token", new Option("the bearer token /api requires; environment only", CollectorConfig.Builder::httpToken, true));
        opt("http-auth", "api (only /api needs the token) or all (/health and /metrics too)", (b, v) -> b.httpAuth(HttpAuth.parse(v)));
        opt("log-format", "text (default) or json (one JSON object per line)", (b, v) -> b.logFormat(LogFormat.parse(v)));
        opt("log-summary-interval", "how often the counts of events logged only in part (dead letters) are written, e.g. 60s",
                (b, v) -> b.logSummaryInterval(duration(v)));
        opt("max-in-flight", "messages received and not yet acknowledged (MQTT Receive Maximum)", (b, v) -> b.maxInFlight(Integer.parseInt(v)));
        opt("max-in-flight-bytes", "payload bytes received and not yet acknowledged, e.g. 64m (bounds memory; at least 1m)",
                (b, v) -> b.maxInFlightBytes(bytes(v)));
        opt("batch-lines", "lines per InfluxDB write", (b, v) -> b.batchPoints(Integer.parseInt(v)));
        opt("batch-linger", "longest wait before a partial batch is written, e.g. 200ms", (b, v) -> b.batchLinger(duration(v)));
        opt("write-concurrency", "InfluxDB writes running at once", (b, v) -> b.writeConcurrency(Integer.parseInt(v)));
        opt("max-age", "oldest reading accepted, e.g. 365d", (b, v) -> b.maxAge(duration(v)));
        opt("max-future", "furthest-ahead reading accepted, e.g. 5m", (b, v) -> b.maxFuture(duration(v)));
        opt("registration", "auto (register unknown devices) or strict (reject them)", (b, v) -> b.registration(RegistrationPolicy.valueOf(v.toUpperCase(Locale.ROOT))));
        opt("registry", "station/device registry file, for a standalone collector (else --registry-url)", (b, v) -> b.registryFile(Path.of(v)));
        opt("registry-url", "distribution's address: stations and devices come from its registry (GET /api/registry)", CollectorConfig.Builder::registryUrl);
        opt("registry-credentials", "file whose first line is user:secret of distribution's COLLECTOR service account", (b, v) -> b.registryCredentials(Path.of(v)));
        opt("registry-cache", "where the last registry answer is kept, for starts while distribution is down (default registry-cache.json)",
                (b, v) -> b.registryCache(Path.of(v)));
        opt("registry-refresh", "how often the registry is fetched again, e.g. 60s", (b, v) -> b.registryRefresh(duration(v)));
        opt("rollup-interval", "how often touched rollup buckets are recomputed, e.g. 10s", (b, v) -> b.rollupInterval(duration(v)));
        opt("zone", "time zone of station days and months", (b, v) -> b.zone(ZoneId.of(v)));
        opt("poll-interval", "the gateways' poll interval (offline detection counts cycles of it)", (b, v) -> b.pollInterval(duration(v)));
        opt("alarms", "ingest (alarms from this collector's messages: one collector per group), feed (a non-shared subscription to all telemetry: for groups of several), off",
                (b, v) -> b.alarms(AlarmMode.valueOf(v.toUpperCase(Locale.ROOT))));
        opt("offline-cycles", "poll cycles without data before a device is offline", (b, v) -> b.offlineCycles(Integer.parseInt(v)));
        opt("gap-alarm-after", "a gateway's readings missing this long (past its replay window) raise telemetry_gap, e.g. 10m",
                (b, v) -> b.gapAlarmAfter(duration(v)));
    }

    private CommandLine() {
    }

    private static void opt(String name, String help, BiConsumer<CollectorConfig.Builder, String> apply) {
        OPTIONS.put(name, new Option(help, apply, false));
    }

    /** The token in {@code file}: its first line, trimmed. */
    static String tokenFile(String file) {
        try {
            String first = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            if (first.isEmpty()) {
                throw new IllegalArgumentException("the token file is empty");
            }
            return first;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file: " + e);
        }
    }

    public static String envName(String option) {
        return "YANGGUANG_COLLECTOR_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static CollectorConfig parse(String[] args, Map<String, String> env) {
        CollectorConfig.Builder b = CollectorConfig.builder();
        for (Map.Entry<String, Option> o : OPTIONS.entrySet()) {
            String v = env.get(envName(o.getKey()));
            if (v != null && !v.isBlank()) {
                apply(b, o.getKey(), v, envName(o.getKey()));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + usage());
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!OPTIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
            }
            if (OPTIONS.get(name).envOnly()) {
                throw new IllegalArgumentException("--" + name + " would be visible to every user of this machine (ps); set "
                        + envName(name) + " or use --" + name + "-file");
            }
            apply(b, name, value, "--" + name);
        }
        return b.build();
    }

    private static void apply(CollectorConfig.Builder b, String name, String value, String where) {
        try {
            OPTIONS.get(name).apply().accept(b, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + " '" + value + "': " + e.getMessage(), e);
        }
    }

    /** 200ms, 10s, 5m, 2h, 365d, or an ISO-8601 duration. */
    public static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("'" + v + "' is not a duration like 200ms, 10s, 5m, 2h or 365d");
        };
    }

    /** 65536, 512k, 64m or 1g (powers of 1024). */
    public static long bytes(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        int shift = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1)), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + v + "' is not a size like 65536, 512k, 64m or 1g");
        }
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder("Options (environment variable in brackets):\n");
        OPTIONS.forEach((k, o) -> sb.append(o.envOnly()
                ? String.format("  %-28s %s%n", envName(k), o.help())
                : String.format("  --%-26s %s [%s]%n", k + " V", o.help(), envName(k))));
        return sb.toString();
    }
}
