package org.yangguang.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;
import org.yangguang.gateway.buffer.DiskBuffer;
import org.yangguang.gateway.clock.ClockGuard;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.ModbusLink;
import org.yangguang.gateway.mqtt.MqttUplink;
import org.yangguang.gateway.nameplate.Nameplates;
import org.yangguang.gateway.poll.DeviceHealth;
import org.yangguang.gateway.poll.DevicePoller;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.poll.DeviceReading;
import org.yangguang.gateway.registermap.RegisterMaps;
import org.yangguang.gateway.store.StoreStage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One station gateway: Modbus links with their devices → decode → disk buffer → MQTT.
 *
 * <p>Threads: one poll thread per link (requests on a bus are serialized; a dead logger on one link never
 * delays another), one store thread (encode + disk buffer, so a slow disk never delays a poll), one uplink
 * thread, one buffer-sync thread. Devices on a link are staggered across the poll
 * interval instead of fired at once (ThingsBoard gateway #799).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Clock clock;
    private final DiskBuffer buffer;
    private final MqttUplink uplink;
    private final StoreStage store;
    private final ClockGuard clockGuard;
    private final Nameplates nameplates;
    private final List<LinkRuntime> links = new ArrayList<>();
    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();
    private ScheduledExecutorService syncer;
    private ExecutorService pollOncePool;
    private final Map<DeviceStatus, AtomicLong> polls = new ConcurrentHashMap<>();
    /** The v2 topic each device's readings are stored under and published on, by device id. */
    private final Map<String, String> topics = new java.util.HashMap<>();

    private record LinkRuntime(LinkConfig config, ModbusLink link, List<DevicePoller> pollers) {
    }

    private Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        RegisterMaps maps = RegisterMaps.withDirs(config.mapDirs());
        for (LinkConfig lc : config.links()) {
            List<DevicePoller> pollers = new ArrayList<>();
            for (DeviceConfig d : lc.devices()) {
                DeviceReader reader = maps.reader(d, lc.maxRegistersPerRequest());
                pollers.add(new DevicePoller(d, reader, DeviceHealth.defaults(clock, config.pollInterval()), clock));
                topics.put(d.id(), Topics.telemetryBatch(config.station(), d.id()));
            }
            links.add(new LinkRuntime(lc, lc.open(), pollers));
        }
        this.buffer = DiskBuffer.open(config.buffer().dir(), config.buffer().maxBytes(), config.buffer().segmentBytes());
        this.uplink = new MqttUplink(config.mqtt(), config.station(), config.gateway(), buffer, clock);
        this.store = new StoreStage(buffer, uplink, config.gateway());
        this.clockGuard = ClockGuard.of(config.clock(), clock);
        this.nameplates = new Nameplates(config.buffer().dir(), config.station(), config.gateway(),
                n -> uplink.retain(Topics.device(n.station(), n.device()), n.encode()));
        // what was known before a restart is the devices' nameplate until they are identified again
        nameplates.all().values().forEach(n -> uplink.retain(Topics.device(n.station(), n.device()), n.encode()));
    }

    /** Builds the gateway (loads maps, opens the buffer) without connecting anything yet. */
    public static Gateway create(GatewayConfig config, Clock clock) {
        return new Gateway(config, clock);
    }

    /** Connects to the broker in the background and starts the buffer sync; polling is started by {@link #startPolling()}. */
    public void startUplink() {
        uplink.start();
        syncer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "buffer-sync"));
        long ms = Math.max(10, config.buffer().syncInterval().toMillis());
        syncer.scheduleWithFixedDelay(buffer::sync, ms, ms, TimeUnit.MILLISECONDS);
        // One line a minute an operator can grep for, instead of a log line per poll.
        syncer.scheduleWithFixedDelay(() -> LOG.info("stats {}", stats()), 60, 60, TimeUnit.SECONDS);
    }

    /** Connect MQTT and schedule polling. */
    public void start() {
        startUplink();
        startPolling();
    }

    public void startPolling() {
        long interval = config.pollInterval().toMillis();
        for (LinkRuntime l : links) {
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "poll-" + l.config().describe()));
            schedulers.add(s);
            int n = l.pollers().size();
            for (int i = 0; i < n; i++) {
                DevicePoller p = l.pollers().get(i);
                s.scheduleAtFixedRate(() -> pollAndStore(l, p), interval * i / n, interval, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * One full poll of every device (links in parallel); returns when every reading is stored (on disk, with
     * its sequence number) and handed to the uplink. Readings that could not be stored are left out.
     */
    public List<Telemetry> pollOnce() {
        List<CompletableFuture<Telemetry>> stored = pollOnceAsync();
        List<Telemetry> out = new ArrayList<>();
        for (CompletableFuture<Telemetry> f : stored) {
            try {
                out.add(f.join());
            } catch (CompletionException | CancellationException e) {
                // logged by the store stage or the poll
            }
        }
        return out;
    }

    /**
     * One full poll of every device, returning when the reads are done and the readings handed to the store stage
     * (as the scheduled polling does), not when they are stored: each future completes with its stored reading.
     */
    public List<CompletableFuture<Telemetry>> pollOnceAsync() {
        if (links.size() == 1) {
            // One link (the usual station): poll on the caller's thread, no hand-off.
            List<CompletableFuture<Telemetry>> stored = new ArrayList<>();
            for (DevicePoller p : links.get(0).pollers()) {
                stored.add(pollAndStore(links.get(0), p));
            }
            return stored;
        }
        return pollLinksInParallel();
    }

    private List<CompletableFuture<Telemetry>> pollLinksInParallel() {
        ExecutorService ex = pollOncePool();
        try {
            List<Future<List<CompletableFuture<Telemetry>>>> fs = new ArrayList<>();
            for (LinkRuntime l : links) {
                fs.add(ex.submit(() -> {
                    List<CompletableFuture<Telemetry>> out = new ArrayList<>();
                    for (DevicePoller p : l.pollers()) {
                        out.add(pollAndStore(l, p));
                    }
                    return out;
                }));
            }
            List<CompletableFuture<Telemetry>> all = new ArrayList<>();
            for (Future<List<CompletableFuture<Telemetry>>> f : fs) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private synchronized ExecutorService pollOncePool() {
        if (pollOncePool == null) {
            pollOncePool = Executors.newFixedThreadPool(Math.max(1, links.size()), r -> daemon(r, "poll-once"));
        }
        return pollOncePool;
    }

    /** Polls one device on the link's thread and hands the reading to the store stage. */
    private CompletableFuture<Telemetry> pollAndStore(LinkRuntime l, DevicePoller p) {
        try {
            long ts = clock.millis();
            String wrongClock = clockGuard.check(ts);
            if (wrongClock != null) {
                // no bus time, nothing stored: ClockGuard says why a reading without a true time is worse than none
                return CompletableFuture.failedFuture(new IllegalStateException(wrongClock));
            }
            DeviceReading r = p.poll(l.link());
            DeviceConfig d = p.device();
            if (r.nameplate() != null) {
                nameplates.identified(d.id(), d.kind(), r.model(), r.nameplate(), ts);
            }
            polls.computeIfAbsent(r.status(), k -> new AtomicLong()).incrementAndGet();
            return store.submit(topics.get(d.id()), seq -> new Telemetry(TelemetryCodec.SCHEMA_VERSION, config.station(),
                    config.gateway(), d.id(), d.kind(), r.model(), ts, seq, r.status(), r.error(), r.points()));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep polling.
            LOG.error("poll of {} failed", p.device().id(), e);
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits until the broker has taken (PUBACK) every buffered reading at least once: the transport's part. The
     * readings stay in the buffer until a collector's receipt names them ({@link #awaitConfirmed}).
     */
    public boolean awaitPublished(Duration timeout) {
        try {
            return uplink.awaitPublished(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until a collector's receipt has named every buffered reading stored or refused: the buffer is empty. */
    public boolean awaitConfirmed(Duration timeout) {
        try {
            return uplink.awaitConfirmed(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Counters for operators: polls by status, buffer fill and drops, MQTT published and taken by the broker
     * (acked), receipts and the readings they confirmed, readings collectors refused, and readings sent again for
     * want of a receipt.
     */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (DeviceStatus st : DeviceStatus.values()) {
            m.put("polls_" + st.wire(), polls.getOrDefault(st, new AtomicLong()).get());
        }
        m.put("polls_clock_untrusted", clockGuard.refused());
        m.put("clock_steps", clockGuard.steps());
        m.put("store_failed", store.failed());
        m.put("buffer_pending", buffer.pending());
        m.put("buffer_dropped", buffer.dropped());
        m.put("buffer_bytes", buffer.bytes());
        m.put("mqtt_connected", uplink.isConnected() ? 1L : 0L);
        m.put("mqtt_connects", uplink.connects());
        m.put("mqtt_published", uplink.published());
        m.put("mqtt_messages", uplink.messages());
        m.put("mqtt_acked", uplink.acked());
        m.put("mqtt_refused", uplink.refused());
        m.put("receipts", uplink.receipts());
        m.put("confirmed", uplink.confirmed());
        m.put("refused_by_collector", uplink.refusedByCollector());
        m.put("resent", uplink.resent());
        return m;
    }

    public boolean isConnected() {
        return uplink.isConnected();
    }

    /** What keeps this gateway from doing its job right now, for /health; empty when nothing does. */
    public List<String> problems() {
        String clockProblem = clockGuard.problem();
        return clockProblem == null ? List.of() : List.of(clockProblem);
    }

    public DiskBuffer buffer() {
        return buffer;
    }

    public MqttUplink uplink() {
        return uplink;
    }

    /** The devices' nameplates as identified, with the time each was first read. */
    public Nameplates nameplates() {
        return nameplates;
    }

    /** Stops polling, publishes the offline status, flushes the buffer and closes links. */
    @Override
    public void close() {
        for (ScheduledExecutorService s : schedulers) {
            s.shutdownNow();
        }
        for (ScheduledExecutorService s : schedulers) {
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (pollOncePool != null) {
                pollOncePool.shutdownNow();
            }
        }
        store.close(); // what was polled goes to disk before the uplink says goodbye
        uplink.close();
        if (syncer != null) {
            syncer.shutdownNow();
        }
        buffer.close();
        for (LinkRuntime l : links) {
            l.link().close();
        }
        LOG.info("gateway {} stopped; {} readings left in the buffer", config.gateway(), buffer.pending());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
