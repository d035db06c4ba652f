package org.yangguang.collector;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.collector.alarm.AlarmEngine;
import org.yangguang.collector.alarm.AlarmHistory;
import org.yangguang.collector.alarm.AlarmMode;
import org.yangguang.collector.alarm.AlarmSink;
import org.yangguang.collector.http.HttpApi;
import org.yangguang.collector.http.HttpAuth;
import org.yangguang.collector.http.QueryApi;
import org.yangguang.collector.log.OperatorLog;
import org.yangguang.collector.http.LossApi;
import org.yangguang.collector.loss.LossMaintainer;
import org.yangguang.collector.loss.LossReports;
import org.yangguang.collector.loss.LossSchema;
import org.yangguang.collector.rollup.RollupMaintainer;
import org.yangguang.collector.rollup.RollupStatements;
import org.yangguang.collector.device.DeviceRecords;
import org.yangguang.collector.device.NameplateIngest;
import org.yangguang.collector.http.DeviceApi;
import org.yangguang.collector.rollup.StationReports;
import org.yangguang.collector.ingest.Backoff;
import org.yangguang.collector.ingest.IngestPipeline;
import org.yangguang.collector.ingest.MqttIngest;
import org.yangguang.collector.ingest.OverwriteGuard;
import org.yangguang.collector.receipt.GapTracker;
import org.yangguang.collector.receipt.ReadingsAudit;
import org.yangguang.collector.receipt.ReceiptBook;
import org.yangguang.collector.ingest.ResilientWriter;
import org.yangguang.collector.storage.InfluxV1Store;
import org.yangguang.collector.storage.LineProtocol;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.collector.storage.TelemetryMapper;
import org.yangguang.collector.registry.RegistrySync;
import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.collector.validation.Validator;

import org.yangguang.contract.ContractViolation;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running collector. {@link #start(CollectorConfig)} blocks until it consumes: storage prepared (database,
 * retention policies), HTTP listening, MQTT subscribed. {@link #close()} stops consuming, lets running writes
 * finish and leaves everything unacknowledged with the broker.
 */
public final class Collector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Raw data this far back is rolled up again after a start (a crash loses the in-memory list of what to do). */
    private static final Duration ROLLUP_CATCH_UP = Duration.ofHours(6);
    /** Receipts gather stored readings this long: one message per gateway per batch write, not one per reading. */
    private static final Duration RECEIPT_LINGER = Duration.ofMillis(100);

    private final CollectorConfig cfg;
    private final Vertx vertx;
    private final Context context;
    private final WorkerExecutor worker;
    private final TelemetryStore store;
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final StationRegistry registry;
    private final OperatorLog log;
    private volatile boolean closing;
    private IngestPipeline pipeline;
    private MqttIngest mqtt;
    private HttpApi http;
    private RollupMaintainer rollups;
    private LossMaintainer losses;
    private AlarmEngine alarms;
    private long alarmTimer = -1;
    private ReceiptBook receipts;
    private GapTracker gaps;
    private long gapTimer = -1;
    private StationReports reports;
    private int httpPort;
    private long probeTimer = -1;
    private long operatorTimer = -1;
    private long summaryTimer = -1;

    private Collector(CollectorConfig cfg) {
        this.cfg = cfg;
        this.registry = loadRegistry(cfg);
        this.log = new OperatorLog(cfg.clock());
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(1)
                .setMaxEventLoopExecuteTime(cfg.blockedThreadThreshold().toNanos())
                .setWarningExceptionTime(cfg.blockedThreadThreshold().toNanos())
                .setBlockedThreadCheckInterval(Math.max(10, cfg.blockedThreadThreshold().toMillis() / 2));
        this.vertx = Vertx.vertx(options);
        this.context = vertx.getOrCreateContext();
        this.worker = vertx.createSharedWorkerExecutor("yangguang-influx", cfg.writeConcurrency() + 2);
        this.store = new InfluxV1Store(cfg.influxUrl(), cfg.influxUsername(), cfg.influxPassword(), new StorageSchema(cfg.database()));
    }

    /** Distribution's registry kept in step (null for a standalone collector with a file or none). */
    private RegistrySync registrySync;

    private static StationRegistry loadRegistry(CollectorConfig cfg) {
        if (cfg.registryFile() == null) {
            return StationRegistry.empty();
        }
        try {
            return StationRegistry.load(cfg.registryFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry " + cfg.registryFile(), e);
        }
    }

    /** Starts a collector and blocks until it is consuming (or throws after 60 s, saying what is missing). */
    public static Collector start(CollectorConfig cfg) {
        Collector c = new Collector(cfg);
        try {
            if (cfg.registrySource() != null) {
                // before anything consumes: a strict collector without its stations would refuse every reading
                c.registrySync = new RegistrySync(cfg.registrySource(), c.registry, cfg.clock(), c.metrics.registry());
                c.registrySync.start();
            }
            c.prepareStorage();
            warmUp();
            c.startOnContext().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return c;
        } catch (Exception e) {
            c.close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("collector did not start: " + cause.getMessage(), cause);
        }
    }

    /**
     * The first message would load the JSON codec, the mapper and the line-protocol classes on the event loop: a
     * few hundred milliseconds on a small, busy machine, past the blocked-thread threshold. Load them here, on
     * the caller's thread, by running the contract's golden reading through the same steps, in a v2 batch.
     */
    private static void warmUp() {
        try {
            byte[] batch = TelemetryBatch.encode(List.of(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK)));
            TelemetryBatch.Reading read = TelemetryBatch.read(batch).get(0);
            if (read.telemetry() == null) {
                throw read.violation();
            }
            Telemetry t = read.telemetry();
            LineProtocol.encode(TelemetryMapper.map(t));
            OverwriteGuard.warmUp(t);
            ReceiptBook.warmUp(t);
            Receipt receipt = Receipt.decode(Receipt.of(t.station(), t.gateway(), "warm-up", t.ts(), SeqRanges.of(1, 2),
                    SeqRanges.of(4, 4)).encode());
            new GapTracker(Clock.systemUTC(), Duration.ofMinutes(1), new CollectorMetrics()).onReceipt(receipt);
            GatewayStatus.decode(GatewayStatus.online(t.station(), t.gateway(), t.ts(), 0, 0).encode());
        } catch (ContractViolation e) {
            throw new IllegalStateException("the contract's own golden example does not decode: " + e.getMessage(), e);
        }
    }

    /** InfluxDB may start after us (a machine boot): keep trying for a while before giving up. */
    private void prepareStorage() throws InterruptedException, StoreException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
        for (int attempt = 0; ; attempt++) {
            try {
                store.prepare();
                return;
            } catch (StoreException e) {
                if (e.kind() != StoreException.Kind.RETRYABLE || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("InfluxDB at {} not ready ({}); retrying", cfg.influxUrl(), e.getMessage());
                Thread.sleep(backoff.delay(attempt, null).toMillis());
            }
        }
    }

    /**
     * Objects are built on the caller's thread (class loading of Paho and Vert.x Web takes a few hundred ms the
     * first time, which would trip the blocked-thread checker); the pipeline then runs on the context.
     */
    private Future<Void> startOnContext() throws Exception {
        Validator validator = new Validator(cfg.maxAge(), cfg.maxFuture(), cfg.registration(), registry);
        Backoff retries = new Backoff(cfg.retryMin(), cfg.retryMax());
        ResilientWriter writer = new ResilientWriter(vertx, worker, store, retries, metrics, log, () -> closing);
        StorageSchema schema = new StorageSchema(cfg.database());
        OverwriteGuard guard = new OverwriteGuard(vertx, worker, store, schema, retries, metrics, () -> closing);
        mqtt = new MqttIngest(cfg, context, d -> pipeline.accept(d));
        receipts = new ReceiptBook(vertx, mqtt::publish, cfg.clientId(), cfg.clock(), RECEIPT_LINGER, metrics);
        pipeline = new IngestPipeline(vertx, validator, guard, writer, mqtt, receipts, metrics, log, cfg.clock(),
                cfg.batchPoints(), cfg.batchLinger(), cfg.writeConcurrency());
        mqtt.backPressure(pipeline::full);
        pipeline.onRoom(mqtt::room);
        gaps = new GapTracker(Clock.systemUTC(), cfg.gapAlarmAfter(), metrics);
        // a hole is looked up in readings before it is an alarm: another collector may have receipted it unheard
        ReadingsAudit audit = new ReadingsAudit(store, schema, cfg.clock(), cfg.maxAge());
        gaps.audit((station, gateway, first, last) -> worker.<SeqRanges>executeBlocking(
                () -> audit.accounted(station, gateway, first, last), false).toCompletionStage());
        mqtt.receiptFeed(this::onReceipt);
        RollupStatements statements = new RollupStatements(schema, cfg.zone());
        rollups = new RollupMaintainer(vertx, worker, store, statements, metrics);
        pipeline.addListener(rollups);
        LossSchema lossSchema = new LossSchema(schema);
        losses = new LossMaintainer(vertx, worker, store, lossSchema, registry, cfg.zone(), cfg.clock(), cfg.pollInterval(),
                cfg.pollInterval().multipliedBy(cfg.offlineCycles()), metrics.registry());
        rollups.onRolledUp(losses::rolledUp);
        reports = new StationReports(store, schema, statements, registry, cfg.zone());
        if (cfg.alarms() != AlarmMode.OFF) {
            AlarmSink sink = new AlarmSink(writer, mqtt);
            alarms = new AlarmEngine(cfg.clock(), cfg.pollInterval(), cfg.offlineCycles(), registry, sink);
            sink.engine(alarms);
            AlarmEngine engine = alarms;
            gaps.alarms(new GapTracker.Alarms() {
                @Override
                public void gapOpen(String station, String gateway, long ts, String detail) {
                    engine.telemetryGap(station, gateway, ts, detail);
                }

                @Override
                public void gapClosed(String station, String gateway, long ts, String detail) {
                    engine.telemetryGapClosed(station, gateway, ts, detail);
                }
            });
            Validator feedCheck = new Validator(cfg.maxAge(), cfg.maxFuture(), cfg.registration(), registry);
            boolean allTelemetry = cfg.alarms() == AlarmMode.FEED;
            if (!allTelemetry) {
                pipeline.addListener(alarms::onTelemetry);
            }
            mqtt.alarmFeed(allTelemetry, f -> feedAlarms(f, feedCheck));
        }
        DeviceRecords devices = new DeviceRecords(store, schema);
        NameplateIngest nameplates = new NameplateIngest(vertx, worker, devices, mqtt, metrics, cfg.clock(),
                swap -> rollups.swapped(swap.station(), swap.ts()));
        mqtt.nameplateFeed(f -> nameplates.accept(f.topic(), f.payload()));
        QueryApi queries = new QueryApi(reports, new AlarmHistory(store, schema), cfg.clock());
        LossApi lossApi = new LossApi(new LossReports(store, lossSchema, cfg.zone()), cfg.clock());
        DeviceApi deviceApi = new DeviceApi(devices, cfg.clock());
        http = new HttpApi(vertx, metrics, () -> mqtt.isConnected(), metrics::storeHealthy, cfg.httpToken(), cfg.httpAuth(),
                log, router -> {
                    queries.routes(router);
                    deviceApi.routes(router);
                    lossApi.routes(router);
                });
        if (registrySync != null) {
            http.registryHealth(registrySync::health);
        }
        if (cfg.httpToken() == null) {
            LOG.warn("no HTTP API token configured (--http-token-file or YANGGUANG_COLLECTOR_HTTP_TOKEN): /api refuses every request");
        }
        // Paho's connect() loads classes and creates sockets on the calling thread: keep it off the event loop
        context.runOnContext(v -> {
            startEventLoopProbe();
            startOperatorLog();
            rollups.start(cfg.rollupInterval());
            losses.start(cfg.rollupInterval());
            if (alarms != null) {
                alarmTimer = vertx.setPeriodic(Math.max(100, cfg.pollInterval().toMillis()), id -> alarms.checkOffline());
            }
            gapTimer = vertx.setPeriodic(Math.max(100, Math.min(5_000, cfg.gapAlarmAfter().toMillis() / 4)), id -> gaps.check());
            long now = cfg.clock().millis();
            rollups.catchUp(now - ROLLUP_CATCH_UP.toMillis(), now, schema.raw(StorageSchema.TELEMETRY))
                    .onFailure(e -> LOG.warn("rollup catch-up after start failed: {}", e.getMessage()));
        });
        return http.listen(cfg.httpHost(), cfg.httpPort()).compose(port -> {
            httpPort = port;
            LOG.info("HTTP on {}:{} (/api {})", cfg.httpHost(), port, cfg.httpAuth() == HttpAuth.ALL
                    ? "and every other route need the bearer token" : "needs the bearer token; /health and /metrics are open");
            return vertx.executeBlocking(() -> mqtt.start(), false).compose(f -> f);
        });
    }

    /** A receipt from any collector of the group (this one's too): the gap tracker follows every gateway's readings. */
    private void onReceipt(byte[] payload) {
        try {
            gaps.onReceipt(Receipt.decode(payload));
        } catch (ContractViolation e) {
            LOG.warn("unreadable receipt ignored: {}", e.getMessage());
        }
    }

    /**
     * The alarm feed: a v2 batch's readings go to the engine in their order, a v1 message is one reading. What does
     * not decode or validate is skipped here (the ingest path dead-letters the same message or reading).
     */
    private void feedAlarms(MqttIngest.MqttFeed f, Validator check) {
        try {
            if (f.topic().startsWith(Topics.ROOT + "/status/")) {
                alarms.onGatewayStatus(GatewayStatus.decode(f.payload()));
                return;
            }
            Topics.Address address = Topics.parseTelemetry(f.topic()).orElse(null);
            long now = cfg.clock().millis();
            for (TelemetryBatch.Reading r : TelemetryBatch.read(f.topic(), f.payload())) {
                if (r.telemetry() != null) {
                    feedReading(f.topic(), address, r.telemetry(), now, check);
                } else {
                    LOG.debug("alarm feed skipped a reading on {}: {}", f.topic(), r.violation().getMessage());
                }
            }
        } catch (ContractViolation | RuntimeException e) {
            LOG.debug("alarm feed skipped {}: {}", f.topic(), e.getMessage());
        }
    }

    private void feedReading(String topic, Topics.Address address, Telemetry t, long now, Validator check) {
        try {
            if (check.check(address, topic, t, now).isEmpty()) {
                alarms.onTelemetry(t);
            }
        } catch (RuntimeException e) {
            LOG.debug("alarm feed skipped a reading on {}: {}", topic, e.getMessage());
        }
    }

    /** Measures how late a 50 ms timer fires: a blocked event loop shows up here and in /metrics. */
    private void startEventLoopProbe() {
        long period = 50;
        long[] expected = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(period)};
        probeTimer = vertx.setPeriodic(period, id -> {
            long now = System.nanoTime();
            metrics.eventLoopDelay(Math.max(0, TimeUnit.NANOSECONDS.toMillis(now - expected[0])));
            expected[0] = now + TimeUnit.MILLISECONDS.toNanos(period);
        });
    }

    /**
     * Back-pressure is sampled once a second (a state an operator reads about, not a per-message event), and the
     * counts of what was logged only in part are written every {@code --log-summary-interval}.
     */
    private void startOperatorLog() {
        operatorTimer = vertx.setPeriodic(1000, id -> log.inFlight(metrics.inFlight(), cfg.maxInFlight(),
                metrics.inFlightBytes(), cfg.maxInFlightBytes()));
        summaryTimer = vertx.setPeriodic(cfg.logSummaryInterval().toMillis(), id -> log.summarize());
    }

    /**
     * Recomputes the rollups this collector has touched now, and then expected and lost energy, instead of at the next
     * interval; blocks until done.
     */
    public void rollupNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> rollups.runNow().compose(x -> losses.runNow()).onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(null);
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        done.join();
    }

    /** For tests and diagnostics: the alarm engine (null with --alarms false). */
    public AlarmEngine alarms() {
        return alarms;
    }

    public StationReports reports() {
        return reports;
    }

    public int httpPort() {
        return httpPort;
    }

    public CollectorMetrics metrics() {
        return metrics;
    }

    public StationRegistry registry() {
        return registry;
    }

    /** Every gateway's receipted sequence numbers and the holes between them. */
    public GapTracker gaps() {
        return gaps;
    }

    /** For tests: the MQTT connection drops as in a crash; the session and its unacknowledged messages stay. */
    MqttIngest mqtt() {
        return mqtt;
    }

    /** Where the stations in use come from, for tests and the operator (null: a file or none). */
    public RegistrySync registrySync() {
        return registrySync;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (registrySync != null) {
            registrySync.close();
        }
        try {
            // Finish what is being written (and acknowledge it) before leaving; the rest stays with the broker.
            CompletableFuture<Void> drained = new CompletableFuture<>();
            context.runOnContext(v -> {
                if (probeTimer >= 0) {
                    vertx.cancelTimer(probeTimer);
                }
                if (alarmTimer >= 0) {
                    vertx.cancelTimer(alarmTimer);
                }
                for (long timer : new long[]{gapTimer, operatorTimer, summaryTimer}) {
                    if (timer >= 0) {
                        vertx.cancelTimer(timer);
                    }
                }
                Future<Void> d = pipeline == null ? Future.succeededFuture() : pipeline.drain(Duration.ofSeconds(10));
                if (rollups != null) {
                    rollups.stop();
                    losses.stop();
                    d = d.compose(x -> rollups.runNow()).recover(e -> Future.succeededFuture());
                }
                // what was stored up to now is receipted now, not resent by its gateway after the receipt timeout
                d.onComplete(ar -> {
                    if (receipts != null) {
                        receipts.flush();
                    }
                    drained.complete(null);
                });
            });
            drained.get(15, TimeUnit.SECONDS);
            if (mqtt != null) {
                mqtt.close();
            }
            if (http != null) {
                http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("collector did not drain cleanly: {}", e.toString());
        } finally {
            log.summarize(); // the counts of the last interval, before the process goes
            worker.close();
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
            store.close();
        }
    }
}
