package org.yangguang.collector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator watches: back-pressure (in-flight), write health (batch sizes, latency, retries), rejects
 * (dead letters by reason) and freshness (lag between a poll and its storage). Exposed at /metrics.
 */
public final class CollectorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong inFlightHighWater = new AtomicLong();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicLong inFlightBytesHighWater = new AtomicLong();
    private final AtomicLong lagMs = new AtomicLong();
    private final AtomicLong eventLoopDelayMaxMs = new AtomicLong();
    private volatile boolean storeHealthy = true;
    private final Counter received;
    private final Counter readings;
    private final Counter stored;
    private final Counter retries;
    private final Counter rollups;
    private final Counter duplicates;
    private final Counter receipts;
    private final java.util.Map<String, AtomicLong> gaps = new java.util.concurrent.ConcurrentHashMap<>();
    private final DistributionSummary batchLines;
    private final DistributionSummary batchReadings;
    private final Timer writeLatency;
    private final Timer lag;
    private final Counter httpRefused;

    public CollectorMetrics() {
        received = Counter.builder("yangguang_collector_messages_received").description("telemetry messages received (a v2 batch or a v1 reading)").register(registry);
        readings = Counter.builder("yangguang_collector_readings_received").description("readings in the telemetry messages received").register(registry);
        stored = Counter.builder("yangguang_collector_readings_stored").description("readings written to InfluxDB").register(registry);
        retries = Counter.builder("yangguang_collector_write_retries").description("InfluxDB writes retried after 429/5xx/connection errors").register(registry);
        rollups = Counter.builder("yangguang_collector_rollup_runs").description("rollup recomputations").register(registry);
        duplicates = Counter.builder("yangguang_collector_readings_duplicate")
                .description("readings already stored with the same values (a replay or redelivery): receipted, not written again").register(registry);
        receipts = Counter.builder("yangguang_collector_receipts_sent").description("receipts sent to gateways").register(registry);
        batchLines = DistributionSummary.builder("yangguang_collector_batch_lines").description("lines per InfluxDB write").register(registry);
        batchReadings = DistributionSummary.builder("yangguang_collector_batch_readings").description("readings (and alarm events) per InfluxDB write").register(registry);
        writeLatency = Timer.builder("yangguang_collector_write_latency").description("InfluxDB write duration").register(registry);
        // a Timer, exported in the Prometheus base unit: yangguang_collector_lag_seconds_{count,sum,max}
        lag = Timer.builder("yangguang_collector_lag").description("poll time to stored time, per reading").register(registry);
        httpRefused = Counter.builder("yangguang_collector_http_unauthorized").description("HTTP requests refused for a missing or wrong token").register(registry);
        Gauge.builder("yangguang_collector_in_flight", inFlight, AtomicLong::get).description("messages received and not yet acknowledged").register(registry);
        Gauge.builder("yangguang_collector_in_flight_max", inFlightHighWater, AtomicLong::get).description("highest in-flight seen").register(registry);
        Gauge.builder("yangguang_collector_in_flight_bytes", inFlightBytes, AtomicLong::get).baseUnit("bytes").description("payload bytes received and not yet acknowledged").register(registry);
        Gauge.builder("yangguang_collector_in_flight_bytes_max", inFlightBytesHighWater, AtomicLong::get).baseUnit("bytes").description("highest in-flight payload bytes seen").register(registry);
        Gauge.builder("yangguang_collector_lag_last", lagMs, v -> v.get() / 1000.0).baseUnit("seconds").description("lag of the last stored reading").register(registry);
        Gauge.builder("yangguang_collector_event_loop_delay_max_ms", eventLoopDelayMaxMs, AtomicLong::get).description("longest event-loop delay seen by the probe").register(registry);
    }

    public PrometheusMeterRegistry registry() { return registry; }

    public void received(int bytes) {
        received.increment();
        inFlightHighWater.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        inFlightBytesHighWater.accumulateAndGet(inFlightBytes.addAndGet(bytes), Math::max);
    }

    /** The readings of a message whose envelope could be read (1 for a v1 message). */
    public void readings(int n) { readings.increment(n); }

    public void acknowledged(int bytes) {
        inFlight.decrementAndGet();
        inFlightBytes.addAndGet(-bytes);
    }

    public void stored(long lagMillis) {
        stored.increment();
        lagMs.set(lagMillis);
        lag.record(Math.max(0, lagMillis), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void deadLetter(String reason) {
        Counter.builder("yangguang_collector_dead_letters").tag("reason", reason)
                .description("messages and readings dead-lettered, by reason").register(registry).increment();
    }

    public void retry() {
        retries.increment();
        storeHealthy = false;
    }

    /** False from a failed write until the next successful one. */
    public boolean storeHealthy() { return storeHealthy; }

    public void rollupRun() { rollups.increment(); }

    public void duplicate() { duplicates.increment(); }

    public void receiptSent() { receipts.increment(); }

    /**
     * Readings of a gateway in holes between the sequence numbers collectors have receipted (GapTracker): 0 when all
     * is accounted for; one that stays above 0 past the replay window raises a telemetry_gap alarm.
     */
    public void telemetryGap(String station, String gateway, long missing) {
        gaps.computeIfAbsent(station + "/" + gateway, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("yangguang_collector_telemetry_gap_readings", v, AtomicLong::get).tag("station", station)
                    .tag("gateway", gateway).description("readings missing between a gateway's receipted sequence numbers")
                    .register(registry);
            return v;
        }).set(missing);
    }

    public double duplicateCount() { return duplicates.count(); }
    public double receiptsSentCount() { return receipts.count(); }

    public void httpRefused() { httpRefused.increment(); }

    public void batch(int readings, int lines, long nanos) {
        storeHealthy = true;
        batchReadings.record(readings);
        batchLines.record(lines);
        writeLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void eventLoopDelay(long ms) { eventLoopDelayMaxMs.accumulateAndGet(ms, Math::max); }

    public long inFlight() { return inFlight.get(); }
    public long inFlightMax() { return inFlightHighWater.get(); }
    public long inFlightBytes() { return inFlightBytes.get(); }
    public long inFlightBytesMax() { return inFlightBytesHighWater.get(); }
    public long eventLoopDelayMaxMs() { return eventLoopDelayMaxMs.get(); }
    public double storedCount() { return stored.count(); }
    public double receivedCount() { return received.count(); }
    public double readingsCount() { return readings.count(); }
    public double retryCount() { return retries.count(); }

    public double deadLetterCount(String reason) {
        Counter c = registry.find("yangguang_collector_dead_letters").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }
}
