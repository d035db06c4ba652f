package org.yangguang.benchmarks.soak;

import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.BufferConfig;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.config.MqttConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedStation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the soak's fleet: stations {@code --first} to {@code --first + --count - 1}, each a simulated station (its
 * own Modbus TCP server on loopback, {@code --devices} SunSpec inverters) and a real {@link Gateway} polling it, with
 * the gateway's own disk buffer, MQTT client id and credential. Many gateways share the JVM as they could not on
 * site; nothing else is shared, so a kill -9 of this JVM is a power cut at every one of its stations.
 *
 * <p>What each gateway stored in its buffer (so produced, with the sequence number it gave it) is appended to
 * {@code produced-<first>.log} as {@code station device seq} after every poll and flushed to the kernel, where a
 * kill -9 of this JVM cannot take it back. The soak counts from those lines. Every second the sum of the gateways'
 * counters goes to {@code fleet-<first>.status}; a file {@code stop-polling} in the run directory stops the polls
 * (the drain).
 */
public final class Fleet {
    public static final String READY = "FLEET READY";
    static final String STOP_POLLING = "stop-polling";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Soak.options(args, "--dir", "--mqtt", "--first", "--count", "--devices", "--poll", "--pollers");
        Path dir = Path.of(o.get("--dir"));
        int first = Integer.parseInt(o.get("--first"));
        int count = Integer.parseInt(o.get("--count"));
        int devices = Integer.parseInt(o.get("--devices"));
        Duration poll = Duration.ofMillis(Long.parseLong(o.get("--poll")));
        int pollers = Integer.parseInt(o.get("--pollers"));
        Map<String, String> passwords = Soak.readCredentials(dir.resolve(Soak.CREDENTIALS));

        List<SimulatedStation> sims = new ArrayList<>();
        List<Gateway> gateways = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            String station = Soak.station(i);
            String gw = Soak.gateway(i);
            SimulatedStation sim = SimulatedStation.start(SimulatorConfig.defaults(devices, 50_000), Clock.systemUTC());
            sims.add(sim);
            List<DeviceConfig> inverters = new ArrayList<>();
            for (int d = 1; d <= devices; d++) {
                inverters.add(DeviceConfig.sunspec(Soak.device(d), d, "inverter"));
            }
            // production defaults (receipt timeout 30 s, replay rate, reconnect back-off); only polling is compressed
            MqttConfig mqtt = new MqttConfig(o.get("--mqtt"), gw, passwords.get(gw), null, gw, 100, 50,
                    Duration.ofSeconds(5), MqttConfig.DEFAULT_LINGER, MqttConfig.DEFAULT_MAX_BATCH);
            Gateway g = Gateway.create(GatewayConfig.builder(station, gw)
                    .mqtt(mqtt)
                    .buffer(new BufferConfig(dir.resolve("gateways").resolve(gw), 64L << 20, Duration.ofMillis(200), 1 << 20))
                    .link(LinkConfig.tcp("127.0.0.1", sim.port(), LinkTiming.DEFAULTS, inverters))
                    .pollInterval(poll)
                    .build(), Clock.systemUTC());
            g.startUplink();
            gateways.add(g);
        }

        Path producedFile = dir.resolve("produced-" + first + ".log");
        BufferedWriter produced = Files.newBufferedWriter(producedFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path stop = dir.resolve(STOP_POLLING);
        ScheduledExecutorService polls = Executors.newScheduledThreadPool(pollers, r -> {
            Thread t = new Thread(r, "fleet-poll");
            t.setDaemon(true);
            return t;
        });
        for (int k = 0; k < gateways.size(); k++) {
            Gateway g = gateways.get(k);
            String station = Soak.station(first + k);
            // spread over the interval: 468 stations polled at the same instant would be a thundering herd
            long offset = poll.toMillis() * k / gateways.size();
            polls.scheduleAtFixedRate(() -> pollOnce(g, station, produced, stop), offset, poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor();
        Path statusFile = dir.resolve("fleet-" + first + ".status");
        status.scheduleWithFixedDelay(() -> writeStatus(gateways, statusFile), 1, 1, TimeUnit.SECONDS);
        System.out.println(READY + " stations " + first + ".." + (first + count - 1));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            polls.shutdownNow();
            status.shutdownNow();
            gateways.forEach(Gateway::close);
            sims.forEach(SimulatedStation::close);
        }));
        Thread.currentThread().join();
    }

    private static void pollOnce(Gateway g, String station, BufferedWriter produced, Path stop) {
        if (Files.exists(stop)) {
            return;
        }
        List<Telemetry> stored = g.pollOnce();
        try {
            synchronized (produced) {
                for (Telemetry t : stored) {
                    produced.write(station + ' ' + t.device() + ' ' + t.seq() + '\n');
                }
                produced.flush(); // into the kernel: a kill -9 of this JVM keeps it
            }
        } catch (IOException e) {
            // the count would be wrong, not the readings: say so loudly
            System.err.println("cannot record produced readings: " + e);
        }
    }

    /** Sums of the gateways' counters, replaced atomically so that the soak never reads half a file. */
    private static void writeStatus(List<Gateway> gateways, Path file) {
        long pending = 0;
        long resent = 0;
        long connected = 0;
        long dropped = 0;
        for (Gateway g : gateways) {
            Map<String, Long> s = g.stats();
            pending += s.get("buffer_pending");
            resent += s.get("resent");
            connected += s.get("mqtt_connected");
            dropped += s.get("buffer_dropped");
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, "pending " + pending + "\nresent " + resent + "\nconnected " + connected
                    + "\ndropped " + dropped + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
    }
}
