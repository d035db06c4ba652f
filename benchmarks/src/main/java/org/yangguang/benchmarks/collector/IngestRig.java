package org.yangguang.benchmarks.collector;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.collector.CollectorMetrics;
import org.yangguang.collector.ingest.Acknowledger;
import org.yangguang.collector.ingest.Backoff;
import org.yangguang.collector.ingest.IngestPipeline;
import org.yangguang.collector.ingest.MqttClientKind;
import org.yangguang.collector.ingest.MqttIngest;
import org.yangguang.collector.ingest.OverwriteGuard;
import org.yangguang.collector.ingest.ResilientWriter;
import org.yangguang.collector.log.OperatorLog;
import org.yangguang.collector.receipt.ReceiptBook;
import org.yangguang.collector.storage.InfluxV1Store;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.collector.validation.Validator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The collector's ingest path exactly as {@code Collector} wires it (validation, overwrite guard, batched InfluxDB
 * writes on a worker pool, receipts, the acknowledgement after the write) fed by one of three MQTT consumers: the
 * collector's own ({@link MqttIngest}) receiving through HiveMQ's client (its default) or Paho's, or
 * {@link VertxMqttIngest}. Nothing else of the collector runs (no HTTP, rollups, alarms, nameplates), in every case
 * alike, so that a difference is the client's.
 */
final class IngestRig implements AutoCloseable {
    enum Client { HIVEMQ, PAHO, VERTX }

    private final Vertx vertx;
    private final WorkerExecutor worker;
    private final InfluxV1Store store;
    private final CollectorMetrics metrics = new CollectorMetrics();
    private MqttIngest ingest;
    private VertxMqttIngest netty;
    private IngestPipeline pipeline;

    private IngestRig(CollectorConfig cfg, Client client) throws Exception {
        // two event loops: the pipeline's (as the collector's one) and, for Vert.x MQTT, the client's (the others have threads)
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)
                .setMaxEventLoopExecuteTime(cfg.blockedThreadThreshold().toNanos())
                .setWarningExceptionTime(cfg.blockedThreadThreshold().toNanos()));
        Context context = vertx.getOrCreateContext();
        worker = vertx.createSharedWorkerExecutor("yangguang-influx", cfg.writeConcurrency() + 2);
        StorageSchema schema = new StorageSchema(cfg.database());
        store = new InfluxV1Store(cfg.influxUrl(), null, null, schema);
        store.prepare();
        OperatorLog log = new OperatorLog(cfg.clock());
        Validator validator = new Validator(cfg.maxAge(), cfg.maxFuture(), cfg.registration(), StationRegistry.empty());
        Backoff retries = new Backoff(cfg.retryMin(), cfg.retryMax());
        ResilientWriter writer = new ResilientWriter(vertx, worker, store, retries, metrics, log, () -> false);
        OverwriteGuard guard = new OverwriteGuard(vertx, worker, store, schema, retries, metrics, () -> false);
        Acknowledger acks;
        ReceiptBook receipts;
        if (client != Client.VERTX) {
            CollectorConfig c = cfg.toBuilder().mqttClient(client == Client.PAHO ? MqttClientKind.PAHO : MqttClientKind.HIVEMQ).build();
            ingest = new MqttIngest(c, context, d -> pipeline.accept(d));
            acks = ingest;
            receipts = new ReceiptBook(vertx, ingest::publish, cfg.clientId(), cfg.clock(), Duration.ofMillis(100), metrics);
        } else {
            Context clientContext = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
            if (thread(clientContext).equals(thread(context))) {
                throw new IllegalStateException("the client's context shares the pipeline's event loop " + thread(context));
            }
            netty = new VertxMqttIngest(cfg, vertx, context, clientContext, d -> pipeline.accept(d));
            acks = netty;
            receipts = new ReceiptBook(vertx, netty::publish, cfg.clientId(), cfg.clock(), Duration.ofMillis(100), metrics);
        }
        pipeline = new IngestPipeline(vertx, validator, guard, writer, acks, receipts, metrics, log, cfg.clock(),
                cfg.batchPoints(), cfg.batchLinger(), cfg.writeConcurrency());
        if (ingest != null) {
            ingest.backPressure(pipeline::full);
            pipeline.onRoom(ingest::room);
        } else {
            netty.backPressure(pipeline::full);
            pipeline.onRoom(netty::room);
        }
        Future<Void> subscribed = ingest != null
                ? vertx.executeBlocking(() -> ingest.start(), false).compose(f -> f)
                : netty.start();
        subscribed.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static String thread(Context c) throws Exception {
        java.util.concurrent.CompletableFuture<String> name = new java.util.concurrent.CompletableFuture<>();
        c.runOnContext(v -> name.complete(Thread.currentThread().getName()));
        return name.get(10, TimeUnit.SECONDS);
    }

    static IngestRig start(CollectorConfig cfg, Client client) throws Exception {
        return new IngestRig(cfg, client);
    }

    CollectorMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() throws Exception {
        if (ingest != null) {
            ingest.close();
        }
        if (netty != null) {
            netty.close();
        }
        worker.close();
        store.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
