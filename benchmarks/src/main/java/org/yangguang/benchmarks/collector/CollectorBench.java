package org.yangguang.benchmarks.collector;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.yangguang.collector.Collector;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.collector.ingest.MqttClientKind;
import org.yangguang.collector.storage.InfluxV1Store;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.TelemetryMapper;
import org.yangguang.contract.BufferedSocketFactory;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./yangguang bench collector [--messages N] [--devices D] [--batch R] [--batch-linger-ms MS] [--mqtt-client C]
 * [--warm-up W] [--rounds P]}: on the broker and InfluxDB given, after an untimed warm-up of W messages (default N / 2, at least 20,000)
 * through the baseline's and the collector's paths, measures
 * <ol>
 *   <li>a do-nothing QoS 1 subscriber (Paho, auto-ack, the collector's socket setup): the broker's delivery rate;</li>
 *   <li>batched line-protocol writes of the same points (5000 lines a request, 2 writers, as the collector);</li>
 *   <li>both at once: what a collector that cost nothing would need from the machine;</li>
 *   <li>the collector end to end, from the first publish until the last message is stored and acknowledged,
 *       then counts what InfluxDB holds;</li>
 *   <li>when the collector receives through another client than Paho (HiveMQ's, its default), 3 again with the
 *       do-nothing subscriber on that client: the ratio against it is the collector's own cost alone, printed beside
 *       the reference ratio;</li>
 *   <li>with {@code --client-rounds K} (default 1), the collector's ingest path alone ({@link IngestRig}) fed by
 *       HiveMQ's client (the collector's default), by Paho's and by Vert.x's MQTT client ({@link VertxMqttIngest}), in
 *       turn, K times each: the rate, lost, and the JVM's CPU per reading of each (issue #13, item 8).</li>
 * </ol>
 * Then P − 1 more pairs of 3 and 4 (default P = 3), back to back, and the ratio reported is the median pair's.
 * The baseline is 3: on two cores shared by the publisher, Mosquitto, InfluxDB and the consumer, the two raw
 * paths do not each get the machine to themselves end to end, so neither alone is what the collector can be held
 * to; the ratio against the slower of 1 and 2 is printed too. Each phase's CPU per reading is printed by thread
 * group and server (with --broker-pid/--influx-pid, which the launcher passes).
 * Readings are the golden SunSpec 103 inverter poll (23 points) from D devices with distinct poll times. With
 * {@code --batch 1} (the default) each message is one reading on the v1 topic, as gateways before contract v2 sent;
 * with {@code --batch R} each message is a v2 batch of R consecutive readings of one device, as gateways send now
 * (N messages then carry N × R readings). Rates and CPU are per reading; {@code lost} counts readings.
 */
public final class CollectorBench {
    private final String mqtt;
    private final String influx;
    private final int messages;
    private final int devices;
    private final int batch;
    /** messages × batch: what InfluxDB must hold at the end. */
    private final int readings;
    private final List<String> topics = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();
    private final List<Telemetry> telemetry = new ArrayList<>();
    private final long t0 = Instant.parse("2026-06-21T04:00:00Z").toEpochMilli();
    private final CpuMeter cpu;

    private final java.time.Duration linger;
    /** Rounds of the consumer comparison (Paho, then Vert.x MQTT, each round); 0: none. */
    private final int clientRounds;
    /** The do-nothing subscriber's client in the phase running now. */
    private MqttClientKind baselineClient = MqttClientKind.PAHO;
    /** Pairs of (baseline both, collector end to end) run back to back; the median pair's ratio is reported. */
    private final int rounds;
    /** The client the end-to-end collector receives through ({@code --mqtt-client}, default the collector's own default). */
    private final MqttClientKind endToEndClient;

    private CollectorBench(String mqtt, String influx, int messages, int devices, int batch, CpuMeter cpu,
                           java.time.Duration linger, int clientRounds, MqttClientKind endToEndClient, int rounds) throws Exception {
        this.endToEndClient = endToEndClient;
        this.rounds = rounds;
        this.cpu = cpu;
        this.clientRounds = clientRounds;
        this.linger = linger;
        this.mqtt = mqtt;
        this.influx = influx;
        this.messages = messages;
        this.devices = devices;
        this.batch = batch;
        this.readings = Math.multiplyExact(messages, batch);
        Telemetry golden = TelemetryCodec.decode(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
        for (int i = 0; i < messages; i++) {
            String station = "bench-" + (i % devices) / 10;
            String device = "inv-" + (i % devices) % 10;
            List<byte[]> encoded = new ArrayList<>(batch);
            for (int j = 0; j < batch; j++) {
                // the device's polls one second apart, oldest first in a batch as a gateway sends its buffer
                long poll = (long) (i / devices) * batch + (batch - 1 - j);
                Telemetry t = new Telemetry(1, station, "gw-" + station, device, golden.kind(), golden.model(),
                        t0 - poll * 1000, (long) i * batch + j, golden.status(), null, golden.points());
                telemetry.add(t);
                encoded.add(TelemetryCodec.encode(t));
            }
            topics.add(batch == 1 ? Topics.telemetry(station, device) : Topics.telemetryBatch(station, device));
            payloads.add(batch == 1 ? encoded.get(0) : TelemetryBatch.encode(encoded));
        }
    }

    public static void main(String[] args) throws Exception {
        String mqtt = "tcp://127.0.0.1:1883";
        String influx = "http://127.0.0.1:8086";
        int messages = 100_000;
        int devices = 1000;
        int batch = 1;
        long brokerPid = 0;
        long influxPid = 0;
        java.time.Duration linger = CollectorConfig.builder().build().batchLinger();
        int clientRounds = 1;
        MqttClientKind client = CollectorConfig.builder().build().mqttClient();
        int warmUp = -1;
        int rounds = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--mqtt" -> mqtt = args[i + 1];
                case "--influx" -> influx = args[i + 1];
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--broker-pid" -> brokerPid = Long.parseLong(args[i + 1]);
                case "--influx-pid" -> influxPid = Long.parseLong(args[i + 1]);
                case "--batch-linger-ms" -> linger = java.time.Duration.ofMillis(Long.parseLong(args[i + 1]));
                case "--client-rounds" -> clientRounds = Integer.parseInt(args[i + 1]);
                case "--mqtt-client" -> client = MqttClientKind.parse(args[i + 1]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--mqtt, --influx, --messages, --devices, --batch, --batch-linger-ms, --client-rounds, --mqtt-client, --warm-up, --rounds, --broker-pid, --influx-pid)");
            }
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1 (readings per message), was " + batch);
        }
        CpuMeter cpu = new CpuMeter(brokerPid, influxPid);
        if (warmUp < 0) {
            // by messages, not readings: the per-message code (receiver, envelope, write path) must be compiled too, and a
            // run of 10,000 v2 batches passes it too few times to get there in a warm-up of half its size
            warmUp = Math.max(messages / 2, 20_000);
        }
        if (warmUp > 0) {
            new CollectorBench(mqtt, influx, warmUp, devices, batch, cpu, linger, 0, client, 1).warmUp();
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
        }
        new CollectorBench(mqtt, influx, messages, devices, batch, cpu, linger, clientRounds, client, rounds).run();
        System.exit(0);
    }

    /**
     * The baseline's and the collector's paths once each, untimed, on their own databases and group: the JIT compiles
     * both before anything is measured, as it has in a collector that has run for a minute. Without it the end-to-end
     * phase, the only one whose code is large, also paid for compiling it (25 against 34 µs of event loop per
     * reading on the same machine).
     */
    private void warmUp() throws Exception {
        long start = System.nanoTime();
        bothBaseline();
        endToEnd(new long[1]);
        System.out.printf(Locale.ROOT, "warm-up: %d messages through the baseline and the collector, untimed (%.1f s)%n",
                messages, (System.nanoTime() - start) / 1e9);
    }

    private void run() throws Exception {
        System.out.printf("collector bench: %d messages of %d reading(s) (golden SunSpec 103 poll, 23 points, %s) from %d devices%n",
                messages, batch, batch == 1 ? "v1" : "v2 batches", devices);
        String rate = batch == 1 ? "msg/s" : "readings/s"; // a v1 message is one reading: results read as they did
        double sub = subscriberBaseline();
        System.out.printf(Locale.ROOT, "baseline mqtt: do-nothing QoS 1 subscriber (paho, the reference) %.0f %s%n", sub, rate);
        double write = influxBaseline();
        System.out.printf(Locale.ROOT, "baseline influxdb: batched line-protocol writes %.0f %s%n", write, rate);
        double both = bothBaseline();
        System.out.printf(Locale.ROOT, "baseline both: the do-nothing subscriber and the same writes at once %.0f %s%n", both, rate);
        long[] lost = new long[1];
        double e2e = endToEnd(lost);
        boolean ownClient = endToEndClient != MqttClientKind.PAHO;
        double bothOwn = ownClient ? bothOwnClient() : both;
        if (ownClient) {
            System.out.printf(Locale.ROOT, "baseline both, the do-nothing subscriber on the collector's own client (%s): %.0f %s%n",
                    endToEndClient, bothOwn, rate);
        }
        printCpu(ownClient);
        System.out.printf(Locale.ROOT, "(against the slower path alone, %.0f %s, the ratio would be %.2f)%n",
                Math.min(sub, write), rate, e2e / Math.min(sub, write));
        // more pairs, baseline then collector, back to back: the baseline alone moves by a quarter from one run to the
        // next on two cores, so one pair is a coin toss; the median of the pairs' ratios is what is reported
        List<double[]> pairs = new ArrayList<>();
        pairs.add(new double[]{both, e2e, bothOwn});
        long lostAll = lost[0];
        for (int r = 1; r < rounds; r++) {
            double b = bothBaseline();
            long[] l = new long[1];
            double c = endToEnd(l);
            lostAll += l[0];
            pairs.add(new double[]{b, c, ownClient ? bothOwnClient() : b});
        }
        StringBuilder each = new StringBuilder();
        for (double[] pair : pairs) {
            each.append(each.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.0f / %.0f = %.2f", pair[1], pair[0], pair[1] / pair[0]));
        }
        if (pairs.size() > 1) {
            System.out.println("pairs (collector / baseline both): " + each);
        }
        String of = pairs.size() > 1 ? " (the median of " + pairs.size() + " pairs)" : "";
        double[] median = median(pairs, 0);
        System.out.printf(Locale.ROOT, "collector (%s client): %.0f %s end-to-end, baseline %.0f %s, ratio %.2f%s, lost %d%n",
                endToEndClient, median[1], rate, median[0], rate, median[1] / median[0], of, lostAll);
        if (ownClient) {
            double[] own = median(pairs, 2);
            System.out.printf(Locale.ROOT, "  against a do-nothing subscriber on its own client (%s) instead: %.0f / %.0f %s, ratio %.2f%s%n",
                    endToEndClient, own[1], own[2], rate, own[1] / own[2], of);
        }
        if (clientRounds > 0) {
            compareClients(rate);
        }
    }

    /**
     * The collector's ingest path fed by each consumer (HiveMQ's client, as the collector runs by default; Paho's, as
     * it did before; Vert.x's MQTT client), in turn, {@code clientRounds} times each; all acknowledge a message only
     * once its readings are written.
     */
    private void compareClients(String rate) throws Exception {
        Map<IngestRig.Client, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 0; round < clientRounds; round++) {
            for (IngestRig.Client client : IngestRig.Client.values()) {
                long[] lost = new long[1];
                long[] cpuNanos = new long[1];
                double r = throughRig(client, lost, cpuNanos);
                rates.computeIfAbsent(client, c -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "consumer %-6s round %d: %.0f %s end-to-end, lost %d, consumer JVM CPU %.1f µs per reading%n",
                        client.name().toLowerCase(Locale.ROOT), round + 1, r, rate, lost[0], cpuNanos[0] / 1e3 / readings);
            }
        }
        Map<IngestRig.Client, Double> mean = new LinkedHashMap<>();
        rates.forEach((c, l) -> mean.put(c, l.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        double paho = mean.get(IngestRig.Client.PAHO);
        System.out.printf(Locale.ROOT, "consumers: hivemq %.0f %s, paho %.0f %s, vertx-mqtt %.0f %s (means of %d); hivemq / paho %.2f, vertx-mqtt / paho %.2f%n",
                mean.get(IngestRig.Client.HIVEMQ), rate, paho, rate, mean.get(IngestRig.Client.VERTX), rate, clientRounds,
                mean.get(IngestRig.Client.HIVEMQ) / paho, mean.get(IngestRig.Client.VERTX) / paho);
    }

    private double throughRig(IngestRig.Client client, long[] lost, long[] cpuNanos) throws Exception {
        String db = "bench_" + client.name().toLowerCase(Locale.ROOT) + "_" + System.currentTimeMillis();
        CollectorConfig cfg = CollectorConfig.builder().mqttUrl(mqtt).influxUrl(influx).database(db)
                .group("bench" + System.currentTimeMillis()).clientId("bench-" + client.name().toLowerCase(Locale.ROOT) + System.nanoTime())
                .sessionExpirySeconds(0).httpPort(0).batchLinger(linger)
                .clock(Clock.fixed(Instant.ofEpochMilli(t0 + 60_000), ZoneOffset.UTC)).build();
        double rate;
        try (IngestRig rig = IngestRig.start(cfg, client)) {
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            publishAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (rig.metrics().storedCount() < readings && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            rate = rig.metrics().storedCount() / ((System.nanoTime() - start) / 1e9);
            cpuNanos[0] = processCpuNanos() - cpu0; // the publisher's share is the same in both
            closePublisher();
        }
        lost[0] = readings - storedThenDropped(db);
        return rate;
    }

    /** Readings the run's database holds (counted by InfluxDB), then the database is dropped. */
    private long storedThenDropped(String db) throws org.yangguang.collector.storage.StoreException {
        try (InfluxV1Store store = new InfluxV1Store(influx, null, null, new StorageSchema(db))) {
            long stored = 0;
            for (Series s : store.query("SELECT count(ac_energy) FROM telemetry")) {
                for (List<Object> row : s.values()) {
                    stored += ((Number) row.get(1)).longValue();
                }
            }
            store.query("DROP DATABASE \"" + db + "\"");
            return stored;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU of the timed part of a phase, taken before its clients close (their threads go with them). */
    private final List<Map<String, Long>> phaseCpu = new ArrayList<>();
    private Map<String, Long> phaseStart;
    private final List<long[]> phaseWrites = new ArrayList<>();
    private long[] writesStart;

    private void phaseBegins() {
        writesStart = influxWrites();
        phaseStart = cpu.snapshot();
    }

    private void phaseEnds() {
        phaseCpu.add(CpuMeter.delta(phaseStart, cpu.snapshot()));
        long[] w = influxWrites();
        phaseWrites.add(new long[]{w[0] - writesStart[0], w[1] - writesStart[1], w[2] - writesStart[2]});
    }

    /** InfluxDB's own counters: write requests, points written, queries (SHOW STATS, module httpd). */
    private long[] influxWrites() {
        try (InfluxV1Store store = new InfluxV1Store(influx, null, null, new StorageSchema("_internal"))) {
            long[] out = new long[3];
            for (Series s : store.query("SHOW STATS FOR 'httpd'")) {
                out[0] += number(s, "writeReq");
                out[1] += number(s, "pointsWrittenOK");
                out[2] += number(s, "queryReq");
            }
            return out;
        } catch (Exception e) {
            return new long[3];
        }
    }

    private static long number(Series s, String column) {
        int i = s.columns().indexOf(column);
        return i < 0 || s.values().isEmpty() || !(s.values().get(0).get(i) instanceof Number n) ? 0 : n.longValue();
    }

    /** CPU µs per reading by thread group and server, for each phase (groups under 0.1 µs left out). */
    private void printCpu(boolean ownClient) {
        System.out.printf(Locale.ROOT, "InfluxDB write requests / points / queries: baseline influxdb %s, both %s, end-to-end %s%n",
                java.util.Arrays.toString(phaseWrites.get(1)), java.util.Arrays.toString(phaseWrites.get(2)),
                java.util.Arrays.toString(phaseWrites.get(3)));
        System.out.println("CPU per " + (batch == 1 ? "message" : "reading") + " (µs): group | mqtt | influxdb | both | collector end-to-end"
                + (ownClient ? " | both, " + endToEndClient + " subscriber" : ""));
        java.util.Set<String> groups = new java.util.TreeSet<>();
        phaseCpu.forEach(m -> groups.addAll(m.keySet()));
        double[] total = new double[phaseCpu.size()];
        for (String g : groups) {
            double[] v = new double[phaseCpu.size()];
            double max = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = phaseCpu.get(i).getOrDefault(g, 0L) / 1e3 / readings;
                total[i] += v[i];
                max = Math.max(max, v[i]);
            }
            if (max >= 0.1) {
                System.out.printf(Locale.ROOT, "  %-34s %7.1f %7.1f %7.1f %7.1f%s%n", g, v[0], v[1], v[2], v[3],
                        ownClient ? String.format(Locale.ROOT, " %7.1f", v[4]) : "");
            }
        }
        System.out.printf(Locale.ROOT, "  %-34s %7.1f %7.1f %7.1f %7.1f%s%n", "all", total[0], total[1], total[2], total[3],
                ownClient ? String.format(Locale.ROOT, " %7.1f", total[4]) : "");
    }

    private double subscriberBaseline() throws Exception {
        CountDownLatch all = new CountDownLatch(messages);
        AutoCloseable sub = doNothingSubscriber(all);
        phaseBegins();
        long start = System.nanoTime();
        publishAll();
        if (!all.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscriber baseline: only " + (messages - all.getCount()) + " of " + messages + " arrived");
        }
        double rate = readings / ((System.nanoTime() - start) / 1e9);
        phaseEnds();
        closePublisher();
        sub.close();
        return rate;
    }

    /**
     * A QoS 1 subscriber that only counts (automatic acks), on {@link #baselineClient}: Paho, the reference the bench
     * has always used (and issue #13 set the goal against), or the collector's own client, for the ratio of the
     * collector's own cost alone.
     */
    private AutoCloseable doNothingSubscriber(CountDownLatch all) throws Exception {
        if (baselineClient == MqttClientKind.PAHO) {
            MqttAsyncClient sub = pahoDoNothingSubscriber(all);
            return () -> {
                sub.disconnect().waitForCompletion(5000);
                sub.close();
            };
        }
        java.net.URI uri = java.net.URI.create(mqtt);
        com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient sub = com.hivemq.client.mqtt.MqttClient.builder().useMqttVersion5()
                .identifier("bench-sub-" + System.nanoTime()).serverHost(uri.getHost()).serverPort(uri.getPort())
                .buildAsync();
        // counted in place on the client's thread, as the collector's receiver takes its messages
        sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL, p -> all.countDown(), Runnable::run);
        sub.connectWith().cleanStart(true).restrictions().receiveMaximum(65_535).applyRestrictions().send()
                .get(10, TimeUnit.SECONDS);
        for (String f : Topics.TELEMETRY_FILTERS) {
            sub.subscribeWith().topicFilter(f).qos(com.hivemq.client.mqtt.datatypes.MqttQos.AT_LEAST_ONCE).send()
                    .get(10, TimeUnit.SECONDS);
        }
        return () -> sub.disconnect().get(5, TimeUnit.SECONDS);
    }

    /** A QoS 1 subscriber (Paho, automatic acks) that only counts, on the same socket setup as the collector. */
    private MqttAsyncClient pahoDoNothingSubscriber(CountDownLatch all) throws MqttException {
        MqttAsyncClient sub = new MqttAsyncClient(mqtt, "bench-sub-" + System.nanoTime(), new MemoryPersistence());
        sub.setCallback(new MqttCallback() {
            public void disconnected(MqttDisconnectResponse r) { }
            public void mqttErrorOccurred(MqttException e) { }
            public void messageArrived(String topic, MqttMessage m) { all.countDown(); }
            public void deliveryComplete(IMqttToken t) { }
            public void connectComplete(boolean r, String s) { }
            public void authPacketArrived(int c, MqttProperties p) { }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(10_000);
        o.setSocketFactory(BufferedSocketFactory.get()); // as the collector: the fairest do-nothing subscriber
        sub.connect(o).waitForCompletion(10_000);
        sub.subscribe(Topics.TELEMETRY_FILTERS.toArray(String[]::new), new int[]{1, 1}).waitForCompletion(10_000);
        return sub;
    }

    /** The same points the collector stores, as batches of 5000 lines (the collector's batch size). */
    private List<List<Sample>> batches() {
        List<List<Sample>> batches = new ArrayList<>();
        List<Sample> batch = new ArrayList<>();
        for (Telemetry t : telemetry) {
            batch.addAll(TelemetryMapper.map(t));
            if (batch.size() >= 5000) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        batches.add(batch);
        return batches;
    }

    /** Writers (2, as the collector's concurrency) that write {@code batches} to {@code store} once started. */
    private static Thread[] writers(InfluxV1Store store, List<List<Sample>> batches, Exception[] failure) {
        AtomicLong next = new AtomicLong();
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            writers[w] = new Thread(() -> {
                for (int b = (int) next.getAndIncrement(); b < batches.size(); b = (int) next.getAndIncrement()) {
                    try {
                        store.write(batches.get(b));
                    } catch (Exception e) {
                        failure[0] = e;
                        return;
                    }
                }
            }, "bench-writer-" + w);
        }
        return writers;
    }

    private static void joinWriters(Thread[] writers, Exception[] failure) throws Exception {
        for (Thread w : writers) {
            w.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private double influxBaseline() throws Exception {
        String db = "bench_lines_" + System.currentTimeMillis();
        try (InfluxV1Store store = new InfluxV1Store(influx, null, null, new StorageSchema(db))) {
            store.prepare();
            List<List<Sample>> batches = batches();
            Exception[] failure = new Exception[1];
            Thread[] writers = writers(store, batches, failure);
            phaseBegins();
            long start = System.nanoTime();
            for (Thread w : writers) {
                w.start();
            }
            joinWriters(writers, failure);
            double rate = readings / ((System.nanoTime() - start) / 1e9);
            phaseEnds();
            store.query("DROP DATABASE \"" + db + "\"");
            return rate;
        }
    }

    /**
     * Both raw paths at once, as a collector that cost nothing would need them: the do-nothing subscriber takes
     * every message from the broker while the writers store the same points. On a machine where the publisher,
     * Mosquitto, InfluxDB and the consumer share two cores this, not either path alone, is what the end-to-end
     * run can be held to.
     */
    /** {@link #bothBaseline} with the do-nothing subscriber on the collector's own client. */
    private double bothOwnClient() throws Exception {
        baselineClient = endToEndClient;
        try {
            return bothBaseline();
        } finally {
            baselineClient = MqttClientKind.PAHO;
        }
    }

    /** The pair whose collector / baseline (column {@code baseline} of the pair) is the median. */
    private static double[] median(List<double[]> pairs, int baseline) {
        return pairs.stream().sorted(java.util.Comparator.comparingDouble(pair -> pair[1] / pair[baseline]))
                .toList().get(pairs.size() / 2);
    }

    private double bothBaseline() throws Exception {
        String db = "bench_both_" + System.currentTimeMillis();
        try (InfluxV1Store store = new InfluxV1Store(influx, null, null, new StorageSchema(db))) {
            store.prepare();
            List<List<Sample>> batches = batches();
            Exception[] failure = new Exception[1];
            Thread[] writers = writers(store, batches, failure);
            CountDownLatch all = new CountDownLatch(messages);
            AutoCloseable sub = doNothingSubscriber(all);
            phaseBegins();
            long start = System.nanoTime();
            for (Thread w : writers) {
                w.start();
            }
            publishAll();
            if (!all.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("both baseline: only " + (messages - all.getCount()) + " of " + messages + " arrived");
            }
            joinWriters(writers, failure);
            double rate = readings / ((System.nanoTime() - start) / 1e9);
            phaseEnds();
            closePublisher();
            sub.close();
            store.query("DROP DATABASE \"" + db + "\"");
            return rate;
        }
    }

    private double endToEnd(long[] lost) throws Exception {
        String db = "bench_e2e_" + System.currentTimeMillis();
        // a group and session of its own: a shared group keeps routing messages to the sessions of earlier runs
        CollectorConfig cfg = CollectorConfig.builder().mqttUrl(mqtt).influxUrl(influx).database(db)
                .group("bench" + System.currentTimeMillis()).clientId("bench-collector-" + System.nanoTime())
                .mqttClient(endToEndClient).sessionExpirySeconds(0).httpPort(0).batchLinger(linger)
                .clock(Clock.fixed(Instant.ofEpochMilli(t0 + 60_000), ZoneOffset.UTC)).build();
        double rate;
        try (Collector collector = Collector.start(cfg)) {
            phaseBegins();
            long start = System.nanoTime();
            publishAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            long nextReport = System.nanoTime();
            while (collector.metrics().storedCount() < readings && System.nanoTime() < deadline) {
                Thread.sleep(5);
                if (System.getenv("BENCH_TRACE") != null && System.nanoTime() > nextReport) {
                    nextReport = System.nanoTime() + 1_000_000_000L;
                    System.out.printf("  received %.0f stored %.0f in-flight %d%n", collector.metrics().receivedCount(),
                            collector.metrics().storedCount(), collector.metrics().inFlight());
                }
            }
            rate = collector.metrics().storedCount() / ((System.nanoTime() - start) / 1e9);
            phaseEnds();
            closePublisher();
        }
        lost[0] = readings - storedThenDropped(db);
        return rate;
    }

    /** Publishes every message at QoS 1 with up to 2000 unacknowledged, as fast as the broker takes them. */
    private void publishAll() throws Exception {
        MqttAsyncClient pub = new MqttAsyncClient(mqtt, "bench-pub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSocketFactory(BufferedSocketFactory.get());
        pub.connect(o).waitForCompletion(10_000);
        Semaphore window = new Semaphore(2000);
        MqttActionListener release = new MqttActionListener() {
            public void onSuccess(IMqttToken t) { window.release(); }
            public void onFailure(IMqttToken t, Throwable e) { window.release(); }
        };
        for (int i = 0; i < messages; i++) {
            window.acquire();
            MqttMessage m = new MqttMessage(payloads.get(i));
            m.setQos(1);
            pub.publish(topics.get(i), m, null, release);
        }
        window.acquire(2000);
        publisher = pub; // closed after the phase's CPU is read: its threads' CPU goes with them
    }

    private MqttAsyncClient publisher;

    private void closePublisher() throws MqttException {
        publisher.disconnect().waitForCompletion(5000);
        publisher.close();
    }
}
