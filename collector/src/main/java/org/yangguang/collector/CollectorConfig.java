package org.yangguang.collector;

import org.yangguang.collector.alarm.AlarmMode;
import org.yangguang.collector.http.HttpAuth;
import org.yangguang.collector.log.LogFormat;
import org.yangguang.collector.validation.RegistrationPolicy;
import org.yangguang.contract.TelemetryBatch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the collector can be told. Defaults work against a local Mosquitto and InfluxDB; the reference with
 * the command-line options and environment variables is collector/README.md.
 *
 * @param mqttCa        PEM CA certificate(s) the broker's certificate must chain to (instead of a trust store)
 * @param mqttCert      PEM client certificate for brokers that require one ({@code require_certificate true}) ...
 * @param mqttKey       ... and its PKCS#8 private key
 * @param mqttClient    the client telemetry comes in through: HiveMQ's (default) or Paho's
 * @param maxInFlight   MQTT v5 Receive Maximum: the broker never has more unacknowledged messages out to this
 *                      collector, which is the back-pressure when InfluxDB is slow or down
 * @param maxInFlightBytes payload bytes received and not yet acknowledged: what bounds memory, since a v2 batch
 *                      can be a thousand times a v1 reading (a gateway replaying a days-long outage sends 256 KiB
 *                      messages, and 10,000 of them would be 2.5 GiB)
 * @param batchPoints   a write is sent when this many lines are pending ...
 * @param batchLinger   ... or when the oldest pending line has waited this long
 * @param maxAge        readings older than this are rejected (clock_skew); kept below the raw retention so
 *                      InfluxDB never silently drops a point as "beyond retention policy"
 * @param maxFuture     readings further in the future than this are rejected (gateway clock wrong)
 * @param gapAlarmAfter a hole in a gateway's receipted sequence numbers open this long raises telemetry_gap: longer
 *                      than the gateways' replay window (their receipt timeout, doubled a few times while collectors
 *                      or InfluxDB were away), so that a reading on its way again does not raise it
 * @param httpHost      the address the HTTP server binds: loopback unless the operator opens it on purpose
 * @param httpToken     the bearer token /api (and with {@link HttpAuth#ALL} every route) requires; null: the
 *                      station data under /api is refused to everyone, as nobody was given a way in
 * @param logSummaryInterval how often the counts of events logged only in part (dead letters) are written
 */
public record CollectorConfig(
        String mqttUrl, String mqttUsername, String mqttPassword, Path mqttTrustStore, String mqttTrustStorePassword,
        Path mqttCa, Path mqttCert, Path mqttKey, org.yangguang.collector.ingest.MqttClientKind mqttClient,
        String clientId, String group, long sessionExpirySeconds,
        String influxUrl, String influxUsername, String influxPassword, String database,
        String httpHost, int httpPort, String httpToken, HttpAuth httpAuth, int maxInFlight, long maxInFlightBytes, int batchPoints, Duration batchLinger, int writeConcurrency,
        Duration retryMin, Duration retryMax,
        Duration maxAge, Duration maxFuture, RegistrationPolicy registration, Path registryFile,
        org.yangguang.collector.registry.RegistrySource registrySource,
        Duration rollupInterval, ZoneId zone,
        Duration pollInterval, int offlineCycles, AlarmMode alarms, Duration gapAlarmAfter,
        LogFormat logFormat, Duration logSummaryInterval,
        Duration blockedThreadThreshold, Clock clock) {

    public CollectorConfig {
        Objects.requireNonNull(mqttUrl, "mqttUrl");
        Objects.requireNonNull(influxUrl, "influxUrl");
        require(database != null && database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}"),
                "database '" + database + "' must be letters, digits and _ (it is used unquoted in InfluxQL)");
        require(clientId != null && !clientId.isBlank(), "client id must not be blank");
        require(mqttCa == null || mqttTrustStore == null, "give the broker's CA either as a PEM file (mqtt-ca) or in a trust store (mqtt-truststore), not both");
        require((mqttCert == null) == (mqttKey == null), "mqtt-cert and mqtt-key go together: the client certificate and its private key");
        require(maxInFlight >= 1 && maxInFlight <= 65535, "max in-flight must be 1..65535 (MQTT Receive Maximum), was " + maxInFlight);
        require(maxInFlightBytes >= MIN_IN_FLIGHT_BYTES, "max in-flight bytes must be at least " + MIN_IN_FLIGHT_BYTES
                + " (one largest v2 message), was " + maxInFlightBytes);
        require(batchPoints >= 1, "batch size must be at least 1, was " + batchPoints);
        require(writeConcurrency >= 1, "write concurrency must be at least 1, was " + writeConcurrency);
        require(httpPort >= 0 && httpPort <= 65535, "http port must be 0..65535, was " + httpPort);
        require(httpHost != null && !httpHost.isBlank(), "http host must not be blank (127.0.0.1, or 0.0.0.0 for every interface)");
        require(httpToken == null || httpToken.length() >= MIN_TOKEN_LENGTH, "the HTTP API token must be at least "
                + MIN_TOKEN_LENGTH + " characters (e.g. head -c 24 /dev/urandom | base64), was " + (httpToken == null ? 0 : httpToken.length()));
        require(httpToken == null || httpToken.chars().allMatch(c -> c > 0x20 && c < 0x7f),
                "the HTTP API token must be printable ASCII without spaces (it travels in an HTTP header)");
        Objects.requireNonNull(httpAuth, "httpAuth");
        Objects.requireNonNull(mqttClient, "mqttClient");
        Objects.requireNonNull(logFormat, "logFormat");
        require(logSummaryInterval != null && logSummaryInterval.toMillis() >= 100, "log summary interval must be at least 100ms");
        require(offlineCycles >= 1, "offline cycles must be at least 1");
        Objects.requireNonNull(registration, "registration");
        require(registryFile == null || registrySource == null, "give the registry as a file (--registry, a standalone "
                + "collector) or as distribution's (--registry-url), not both");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        require(gapAlarmAfter != null && !gapAlarmAfter.isNegative() && !gapAlarmAfter.isZero(), "gap alarm window must be positive, was " + gapAlarmAfter);
    }

    /** Everything but the secrets, which never reach a log. */
    @Override
    public String toString() {
        return "CollectorConfig[mqtt=" + mqttUrl + " (" + mqttClient + " client), user=" + mqttUsername + ", clientId=" + clientId + ", group=" + group
                + ", influx=" + influxUrl + ", database=" + database + ", http=" + httpHost + ":" + httpPort
                + ", httpAuth=" + httpAuth + ", token " + (httpToken == null ? "none" : "set")
                + ", maxInFlight=" + maxInFlight + ", maxInFlightBytes=" + maxInFlightBytes + ", alarms=" + alarms + "]";
    }

    /** A token shorter than this could be guessed; 24 random bytes in base64 are 32 characters. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** The largest message the contract allows: a smaller budget could never admit it. */
    public static final long MIN_IN_FLIGHT_BYTES = TelemetryBatch.MAX_PAYLOAD_BYTES;

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.mqttUrl = mqttUrl; b.mqttUsername = mqttUsername; b.mqttPassword = mqttPassword;
        b.mqttTrustStore = mqttTrustStore; b.mqttTrustStorePassword = mqttTrustStorePassword;
        b.mqttCa = mqttCa; b.mqttCert = mqttCert; b.mqttKey = mqttKey; b.mqttClient = mqttClient;
        b.clientId = clientId; b.group = group; b.sessionExpirySeconds = sessionExpirySeconds;
        b.influxUrl = influxUrl; b.influxUsername = influxUsername; b.influxPassword = influxPassword;
        b.database = database; b.httpHost = httpHost; b.httpPort = httpPort; b.httpToken = httpToken; b.httpAuth = httpAuth; b.maxInFlight = maxInFlight; b.maxInFlightBytes = maxInFlightBytes; b.batchPoints = batchPoints;
        b.batchLinger = batchLinger; b.writeConcurrency = writeConcurrency; b.retryMin = retryMin; b.retryMax = retryMax;
        b.maxAge = maxAge; b.maxFuture = maxFuture; b.registration = registration; b.registryFile = registryFile; b.registrySource = registrySource;
        b.rollupInterval = rollupInterval; b.zone = zone; b.pollInterval = pollInterval; b.offlineCycles = offlineCycles; b.alarms = alarms;
        b.gapAlarmAfter = gapAlarmAfter;
        b.logFormat = logFormat; b.logSummaryInterval = logSummaryInterval;
        b.blockedThreadThreshold = blockedThreadThreshold; b.clock = clock;
        return b;
    }

    /** Defaults: see collector/README.md for why each is what it is. */
    public static final class Builder {
        private String mqttUrl = "tcp://127.0.0.1:1883";
        private String mqttUsername;
        private String mqttPassword;
        private Path mqttTrustStore;
        private String mqttTrustStorePassword;
        private Path mqttCa;
        private Path mqttCert;
        private Path mqttKey;
        private org.yangguang.collector.ingest.MqttClientKind mqttClient = org.yangguang.collector.ingest.MqttClientKind.HIVEMQ;
        private String clientId = "collector-" + UUID.randomUUID().toString().substring(0, 8);
        private String group = "collectors";
        // A day: a collector restarted within it resumes its session, and the broker keeps what was queued for it.
        private long sessionExpirySeconds = 86_400;
        private String influxUrl = "http://127.0.0.1:8086";
        private String influxUsername;
        private String influxPassword;
        private String database = "yangguang";
        // loopback: the API carries live station data, and an operator opens it to a network on purpose
        private String httpHost = "127.0.0.1";
        private int httpPort = 8081;
        private String httpToken;
        private HttpAuth httpAuth = HttpAuth.API;
        private int maxInFlight = 10_000;
        // 64 MiB: 64,000 readings as v2 batches (65 at the gateway's 256 KiB replay size), well inside a 512 MiB heap
        private long maxInFlightBytes = 64L << 20;
        private int batchPoints = 5_000;
        private Duration batchLinger = Duration.ofMillis(200);
        private int writeConcurrency = 2;
        private Duration retryMin = Duration.ofMillis(200);
        private Duration retryMax = Duration.ofSeconds(10);
        private Duration maxAge = Duration.ofDays(365);
        private Duration maxFuture = Duration.ofMinutes(5);
        private RegistrationPolicy registration = RegistrationPolicy.AUTO;
        private Path registryFile;
        private org.yangguang.collector.registry.RegistrySource registrySource;
        private String registryUrl;
        private Path registryCredentials;
        private Path registryCache = Path.of("registry-cache.json");
        private Duration registryRefresh = Duration.ofSeconds(60);
        private Duration rollupInterval = Duration.ofSeconds(60);
        private ZoneId zone = ZoneId.of("Asia/Shanghai");
        private Duration pollInterval = Duration.ofSeconds(10);
        private int offlineCycles = 6;
        private AlarmMode alarms = AlarmMode.INGEST;
        // a gateway sends a reading again after 30 s without a receipt, doubling up to 8 min while none comes at all
        private Duration gapAlarmAfter = Duration.ofMinutes(10);
        private LogFormat logFormat = LogFormat.TEXT;
        private Duration logSummaryInterval = Duration.ofSeconds(60);
        private Duration blockedThreadThreshold = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();

        public Builder mqttUrl(String v) { mqttUrl = v; return this; }
        public Builder mqttUsername(String v) { mqttUsername = v; return this; }
        public Builder mqttPassword(String v) { mqttPassword = v; return this; }
        public Builder mqttTrustStore(Path v) { mqttTrustStore = v; return this; }
        public Builder mqttTrustStorePassword(String v) { mqttTrustStorePassword = v; return this; }
        public Builder mqttCa(Path v) { mqttCa = v; return this; }
        public Builder mqttCert(Path v) { mqttCert = v; return this; }
        public Builder mqttKey(Path v) { mqttKey = v; return this; }
        public Builder mqttClient(org.yangguang.collector.ingest.MqttClientKind v) { mqttClient = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder group(String v) { group = v; return this; }
        public Builder sessionExpirySeconds(long v) { sessionExpirySeconds = v; return this; }
        public Builder influxUrl(String v) { influxUrl = v; return this; }
        public Builder influxUsername(String v) { influxUsername = v; return this; }
        public Builder influxPassword(String v) { influxPassword = v; return this; }
        public Builder database(String v) { database = v; return this; }
        public Builder httpHost(String v) { httpHost = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder httpToken(String v) { httpToken = v; return this; }
        public Builder httpAuth(HttpAuth v) { httpAuth = v; return this; }
        public Builder logFormat(LogFormat v) { logFormat = v; return this; }
        public Builder logSummaryInterval(Duration v) { logSummaryInterval = v; return this; }
        public Builder maxInFlight(int v) { maxInFlight = v; return this; }
        public Builder maxInFlightBytes(long v) { maxInFlightBytes = v; return this; }
        public Builder batchPoints(int v) { batchPoints = v; return this; }
        public Builder batchLinger(Duration v) { batchLinger = v; return this; }
        public Builder writeConcurrency(int v) { writeConcurrency = v; return this; }
        public Builder retryMin(Duration v) { retryMin = v; return this; }
        public Builder retryMax(Duration v) { retryMax = v; return this; }
        public Builder maxAge(Duration v) { maxAge = v; return this; }
        public Builder maxFuture(Duration v) { maxFuture = v; return this; }
        public Builder registration(RegistrationPolicy v) { registration = v; return this; }
        public Builder registryFile(Path v) { registryFile = v; return this; }
        public Builder registrySource(org.yangguang.collector.registry.RegistrySource v) { registrySource = v; return this; }
        public Builder registryUrl(String v) { registryUrl = v; return this; }
        public Builder registryCredentials(Path v) { registryCredentials = v; return this; }
        public Builder registryCache(Path v) { registryCache = v; return this; }
        public Builder registryRefresh(Duration v) { registryRefresh = v; return this; }

        /** --registry-url with its credentials file (first line user:secret), cache and refresh interval. */
        private org.yangguang.collector.registry.RegistrySource source() {
            if (registryUrl == null || registryUrl.isBlank()) {
                return registrySource;
            }
            if (registryCredentials == null) {
                throw new IllegalArgumentException("--registry-url needs --registry-credentials FILE (first line user:secret "
                        + "of distribution's COLLECTOR service account)");
            }
            return org.yangguang.collector.registry.RegistrySource.of(registryUrl, registryCredentials, registryCache,
                    registryRefresh);
        }
        public Builder rollupInterval(Duration v) { rollupInterval = v; return this; }
        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder offlineCycles(int v) { offlineCycles = v; return this; }
        public Builder alarms(AlarmMode v) { alarms = v; return this; }
        public Builder gapAlarmAfter(Duration v) { gapAlarmAfter = v; return this; }
        public Builder blockedThreadThreshold(Duration v) { blockedThreadThreshold = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public CollectorConfig build() {
            return new CollectorConfig(mqttUrl, mqttUsername, mqttPassword, mqttTrustStore, mqttTrustStorePassword,
                    mqttCa, mqttCert, mqttKey, mqttClient,
                    clientId, group, sessionExpirySeconds, influxUrl, influxUsername, influxPassword, database,
                    httpHost, httpPort, httpToken, httpAuth, maxInFlight, maxInFlightBytes, batchPoints, batchLinger, writeConcurrency, retryMin, retryMax,
                    maxAge, maxFuture, registration, registryFile, source(), rollupInterval, zone, pollInterval, offlineCycles,
                    alarms, gapAlarmAfter, logFormat, logSummaryInterval, blockedThreadThreshold, clock);
        }
    }
}
