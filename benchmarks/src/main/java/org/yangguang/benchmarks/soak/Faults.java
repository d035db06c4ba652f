package org.yangguang.benchmarks.soak;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.yangguang.contract.GoldenExamples;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.TelemetryBatch;
import org.yangguang.contract.TelemetryCodec;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.MosquittoServer;
import org.yangguang.testkit.RogueClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The soak's fault schedule: the faults named in {@code --faults}, in that order, evenly spaced over the run. Each
 * is what happens on site: an operator's broker restart (SIGTERM) or a crash (SIGKILL, losing what the broker took
 * since its last save), InfluxDB restarted, a collector or a whole fleet JVM killed with SIGKILL (OOM killer, power
 * cut), a login with read rights joining the collectors' share, and a leaked gateway credential.
 */
final class Faults {
    static final List<String> ALL = List.of("rogue-subscriber", "broker-sigterm", "collector-kill", "influx-restart",
            "compromised-gateway", "gateway-kill", "broker-sigkill", "collector-kill", "gateway-kill");

    private final Soak.Settings s;
    private final MosquittoServer broker;
    private final InfluxServer influx;
    private final Cluster cluster;
    private final Map<String, String> passwords;
    private int collectorKills;
    private int gatewayKills;

    Faults(Soak.Settings s, MosquittoServer broker, InfluxServer influx, Cluster cluster, Map<String, String> passwords) {
        this.s = s;
        this.broker = broker;
        this.influx = influx;
        this.cluster = cluster;
        this.passwords = passwords;
    }

    /** Runs the schedule from {@code start} (System.nanoTime()); returns how many faults were done. */
    int run(long start) throws Exception {
        List<String> faults = s.faults().stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
        int done = 0;
        for (int i = 0; i < faults.size(); i++) {
            long at = start + s.duration().toNanos() * (i + 1) / (faults.size() + 1);
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
            }
            Soak.say("fault %d/%d: %s", i + 1, faults.size(), faults.get(i));
            apply(faults.get(i));
            done++;
        }
        return done;
    }

    private void apply(String fault) throws Exception {
        switch (fault) {
            case "broker-sigterm" -> {
                broker.stop();
                Thread.sleep(10_000); // sessions come back; the collectors' shared subscriptions do not until they resubscribe
                broker.restart();
            }
            case "broker-sigkill" -> {
                broker.kill(); // what it took since its last save is gone, PUBACKed or not
                Thread.sleep(5_000);
                broker.restart();
            }
            case "influx-restart" -> {
                influx.stop();
                Thread.sleep(10_000); // the collectors hold their batches and retry; nothing is acknowledged meanwhile
                influx.restart();
            }
            case "collector-kill" -> {
                int k = collectorKills++ % 2;
                cluster.killCollector(k);
                Thread.sleep(5_000);
                cluster.startCollector(k); // the same client id: its persistent session resumes
            }
            case "gateway-kill" -> {
                int f = gatewayKills++ % cluster.fleetCount();
                cluster.killFleet(f);
                Thread.sleep(5_000);
                cluster.startFleet(f); // the same buffers: what was stored and not receipted is sent again
            }
            case "rogue-subscriber" -> rogueSubscriber();
            case "compromised-gateway" -> compromisedGateway();
            default -> throw new IllegalArgumentException("unknown fault '" + fault + "' (known: " + String.join(", ",
                    new java.util.TreeSet<>(ALL)) + ")");
        }
    }

    /**
     * A login with the collectors' role joins their share for a while: it takes its turn of every message and stores
     * nothing. Only receipts (and the gateways' replay) make that cost time instead of readings.
     */
    private void rogueSubscriber() throws Exception {
        RogueClient c = client(Soak.ROGUE_USER, "rogue-" + System.nanoTime());
        for (String filter : Topics.sharedTelemetry(Soak.GROUP)) {
            c.subscribe(filter);
        }
        Thread.sleep(Math.min(60_000, Math.max(5_000, s.duration().toMillis() / 8)));
        c.close();
        Soak.say("rogue subscriber left after taking %d messages", c.received());
    }

    /**
     * A leaked gateway credential (a registered station's gateway, not on the air): readings that do not parse, and
     * readings claiming to be another station's, on its own topics (which the broker lets it use) and on the other
     * station's (which the broker refuses). Every forged reading carries a sequence number from
     * {@link Soak#FORGED_SEQ}: the count at the end finds any that was stored.
     */
    private void compromisedGateway() throws Exception {
        RogueClient c = client(Soak.STOLEN_GATEWAY, Soak.STOLEN_GATEWAY);
        Telemetry golden = TelemetryCodec.decode(GoldenExamples.valid(GoldenExamples.SUNSPEC_103_OK));
        String victim = Soak.station(1);
        String ownTopic = Topics.telemetryBatch(Soak.STOLEN_STATION, Soak.device(1));
        int sent = 0;
        for (int i = 0; i < 100; i++) {
            long now = System.currentTimeMillis() - 1000L * i;
            // not JSON, truncated JSON, and a batch of one broken reading
            c.publishQuietly(ownTopic, ("\u0000garbage " + i).getBytes(StandardCharsets.ISO_8859_1));
            byte[] good = TelemetryCodec.encode(forged(golden, Soak.STOLEN_STATION, Soak.STOLEN_GATEWAY, now, i));
            c.publishQuietly(ownTopic, java.util.Arrays.copyOf(good, good.length / 2));
            // another station's reading on its own topic, and with its own gateway id but the victim's station
            c.publishQuietly(ownTopic, TelemetryBatch.encode(List.of(TelemetryCodec.encode(
                    forged(golden, victim, Soak.gateway(1), now, i)))));
            c.publishQuietly(Topics.telemetryBatch(victim, Soak.device(1)), TelemetryBatch.encode(List.of(TelemetryCodec.encode(
                    forged(golden, victim, Soak.STOLEN_GATEWAY, now, i)))));
            c.publishQuietly(Topics.telemetry(victim, Soak.device(1)), TelemetryCodec.encode(
                    forged(golden, victim, Soak.gateway(1), now, i)));
            sent += 5;
        }
        c.close();
        Soak.say("compromised gateway credential sent %d malformed or foreign-station messages", sent);
    }

    private static Telemetry forged(Telemetry golden, String station, String gateway, long ts, int i) {
        return new Telemetry(golden.schema(), station, gateway, Soak.device(1), golden.kind(), golden.model(), ts,
                Soak.FORGED_SEQ + i, golden.status(), null, golden.points());
    }

    private RogueClient client(String user, String clientId) throws MqttException {
        return RogueClient.connect(broker.url(), user, passwords.get(user), clientId);
    }

}
