package org.yangguang.benchmarks.soak;

import org.yangguang.benchmarks.ProcStat;
import org.yangguang.collector.storage.InfluxV1Store;
import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.contract.BrokerAccess;
import org.yangguang.testkit.BrokerSecurity;
import org.yangguang.testkit.ChildJvm;
import org.yangguang.testkit.InfluxServer;
import org.yangguang.testkit.MosquittoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./yangguang soak [--stations N] [--duration D]} (issue #13, item 7): a fleet of simulated stations on real
 * servers, hurt on a schedule, then counted reading by reading.
 *
 * <ul>
 *   <li>A private Mosquitto locked as in production (dynamic security: a user, role and bound client id per gateway,
 *       a collectors' role) and a private InfluxDB (testkit).</li>
 *   <li>Two collectors ({@code CollectorMain}, JVMs of their own) in one shared-subscription group.</li>
 *   <li>{@code --stations} stations of {@code --devices} SunSpec inverters (default Lüliang's 468 × 6), each a Modbus
 *       TCP simulator and a real gateway, spread over {@code --fleets} JVMs ({@link Fleet}); polls every
 *       {@code --poll} (compressed: a site polls every minute or so).</li>
 *   <li>{@link Faults}: broker SIGTERM and SIGKILL, an InfluxDB restart, collectors and a fleet JVM killed with
 *       SIGKILL, a rogue member of the collectors' share, and a leaked gateway credential sending malformed and
 *       foreign-station readings.</li>
 *   <li>Then the drain: polls stop, and the soak waits until every gateway's buffer is receipted empty. Produced is
 *       what the gateways recorded storing, by (station, device, seq); stored is what InfluxDB's {@code readings}
 *       holds as stored; lost is produced minus stored. Duplicates are the collectors' own count (their
 *       {@code /metrics}, scraped every second: a collector killed with SIGKILL takes its last second along).</li>
 * </ul>
 * The last line is {@link Result#line()}; the exit code is 1 if a reading was lost, a forged reading stored, or the
 * buffers did not drain.
 */
public final class Soak {
    static final String CREDENTIALS = "credentials.properties";
    static final String GROUP = "collectors";
    static final String COLLECTOR_USER = "collector";
    static final String ROGUE_USER = "rogue-reader";
    /** The leaked credential: a registered station's gateway that is not on the air (a decommissioned box). */
    static final String STOLEN_STATION = "ll-stolen";
    static final String STOLEN_GATEWAY = "gw-ll-stolen";
    /** Forged readings carry sequence numbers from here up: none may be stored under any station. */
    static final long FORGED_SEQ = 1_000_000_000L;

    public record Settings(int stations, int devices, Duration duration, Duration poll, int fleets, List<String> faults,
                           Duration drainTimeout, Path dir) {
        public Settings {
            if (stations < 1 || devices < 1 || fleets < 1) {
                throw new IllegalArgumentException("--stations, --devices and --fleets must be at least 1");
            }
            fleets = Math.min(fleets, stations);
        }
    }

    public record Result(int stations, int devices, long produced, long stored, long lost, long duplicates, int faults,
                         long gapAlarms, long collectorRssMaxMb, long forgedStored, boolean drained, long resent) {
        public String line() {
            return String.format(Locale.ROOT, "soak: %d stations, %d devices, produced %d, stored %d, lost %d, duplicates %d, "
                            + "faults %d, gap alarms %d, collector RSS max %d MB",
                    stations, stations * devices, produced, stored, lost, duplicates, faults, gapAlarms, collectorRssMaxMb);
        }

        public boolean ok() {
            return lost == 0 && forgedStored == 0 && drained;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int stations = Integer.parseInt(o.getOrDefault("--stations", "468"));
        Duration duration = duration(o.getOrDefault("--duration", "10m"));
        Settings s = new Settings(stations,
                Integer.parseInt(o.getOrDefault("--devices", "6")),
                duration,
                // 30 s: what this 2-core machine holds for 468 stations beside its other work (docs/performance.md, "Soak")
                duration(o.getOrDefault("--poll", "30s")),
                Integer.parseInt(o.getOrDefault("--fleets", String.valueOf(Math.max(1, (stations + 119) / 120)))),
                List.of(o.getOrDefault("--faults", String.join(",", Faults.ALL)).split(",")),
                duration(o.getOrDefault("--drain-timeout", "10m")),
                o.containsKey("--dir") ? Path.of(o.get("--dir")) : Files.createTempDirectory("yg-soak-"));
        Result r = run(s);
        System.out.println(r.line());
        System.exit(r.ok() ? 0 : 1);
    }

    /** Runs the soak and returns its count; every server and JVM it started is stopped when it returns. */
    public static Result run(Settings s) throws Exception {
        Files.createDirectories(s.dir());
        say("soak: %d stations × %d inverters in %d fleet JVM(s), polls every %s for %s, faults %s; run directory %s",
                s.stations(), s.devices(), s.fleets(), s.poll(), s.duration(), s.faults(), s.dir());
        Map<String, String> passwords = credentials(s);
        Map<String, BrokerSecurity.Grant> grants = new TreeMap<>();
        for (int i = 1; i <= s.stations(); i++) {
            grants.put(gateway(i), new BrokerSecurity.Grant(BrokerAccess.gateway(station(i), gateway(i)), gateway(i)));
        }
        grants.put(STOLEN_GATEWAY, new BrokerSecurity.Grant(BrokerAccess.gateway(STOLEN_STATION, STOLEN_GATEWAY), STOLEN_GATEWAY));
        grants.put(COLLECTOR_USER, new BrokerSecurity.Grant(BrokerAccess.collector(), null));
        // a second login with the collectors' role: a misconfigured or stolen collector, or an operator's debugging tool
        grants.put(ROGUE_USER, new BrokerSecurity.Grant(BrokerAccess.collector(), null));
        BrokerSecurity.Options access = new BrokerSecurity.Options(passwords, grants);
        Path registry = s.dir().resolve("registry.txt");
        StringBuilder reg = new StringBuilder();
        for (int i = 1; i <= s.stations(); i++) {
            reg.append("station ").append(station(i)).append(" kwp=").append(s.devices() * 50).append('\n')
                    .append("gateway ").append(gateway(i)).append(" station=").append(station(i)).append('\n');
        }
        reg.append("station ").append(STOLEN_STATION).append(" kwp=300\ngateway ").append(STOLEN_GATEWAY)
                .append(" station=").append(STOLEN_STATION).append('\n');
        Files.writeString(registry, reg);

        try (MosquittoServer broker = MosquittoServer.startSecured(access);
             InfluxServer influx = InfluxServer.start();
             Cluster cluster = new Cluster(s, broker, influx, registry, passwords)) {
            say("servers: Mosquitto %s (log %s), InfluxDB %s", broker.url(), broker.logFile(), influx.url());
            cluster.startCollectors();
            cluster.startFleets();
            Faults faults = new Faults(s, broker, influx, cluster, passwords);
            long start = System.nanoTime();
            int done = faults.run(start);
            long left = s.duration().toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
            }
            boolean drained = cluster.drain();
            cluster.stopFleets();
            Thread.sleep(2_000); // the last receipts' duplicates reach the collectors' counters
            long duplicates = cluster.duplicates();
            Count c = count(s, influx.url(), Cluster.DATABASE);
            long resent = cluster.resent();
            Result r = new Result(s.stations(), s.devices(), c.produced, c.stored, c.lost, duplicates, done, c.gapAlarms,
                    cluster.rssMaxMb(), c.forgedStored, drained, resent);
            say("counted: %d produced, %d stored, %d lost%s; %d resent by the gateways; %d forged readings stored; drained %s",
                    c.produced, c.stored, c.lost, c.lost == 0 ? "" : " (first: " + c.firstLost + ")", resent, c.forgedStored, drained);
            return r;
        }
    }

    private record Count(long produced, long stored, long lost, String firstLost, long gapAlarms, long forgedStored) {
    }

    /** Produced from the fleets' logs; stored from InfluxDB, a station at a time (a few thousand rows a query). */
    private static Count count(Settings s, String influxUrl, String database) throws Exception {
        Map<String, BitSet> produced = new HashMap<>();
        try (Stream<Path> files = Files.list(s.dir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("produced-")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] w = line.split(" ");
                    if (w.length != 3) {
                        continue; // the torn last line of a JVM killed mid-write: its reading is not counted as produced
                    }
                    produced.computeIfAbsent(w[0] + "/" + w[1], k -> new BitSet()).set(Math.toIntExact(Long.parseLong(w[2])));
                }
            }
        }
        long producedCount = 0;
        long stored = 0;
        long lost = 0;
        String firstLost = null;
        long forged = 0;
        long gapAlarms = 0;
        try (InfluxV1Store store = new InfluxV1Store(influxUrl, null, null, new StorageSchema(database))) {
            for (int i = 1; i <= s.stations(); i++) {
                Map<String, BitSet> inDb = new HashMap<>();
                for (Series series : store.query("SELECT seq FROM readings WHERE outcome = 'stored' AND station = '"
                        + station(i) + "' GROUP BY device")) {
                    int col = series.column("seq");
                    BitSet bits = inDb.computeIfAbsent(series.tags().get("device"), k -> new BitSet());
                    for (List<Object> row : series.values()) {
                        long seq = ((Number) row.get(col)).longValue();
                        if (seq >= FORGED_SEQ) {
                            forged++;
                        } else {
                            bits.set((int) seq);
                        }
                    }
                }
                for (int d = 1; d <= s.devices(); d++) {
                    BitSet want = produced.getOrDefault(station(i) + "/" + device(d), new BitSet());
                    BitSet missing = (BitSet) want.clone();
                    missing.andNot(inDb.getOrDefault(device(d), new BitSet()));
                    producedCount += want.cardinality();
                    lost += missing.cardinality();
                    stored += want.cardinality() - missing.cardinality();
                    if (firstLost == null && !missing.isEmpty()) {
                        firstLost = station(i) + "/" + device(d) + " seq " + missing.nextSetBit(0);
                    }
                }
            }
            for (Series series : store.query("SELECT count(seq) FROM readings WHERE outcome = 'stored' AND seq >= " + FORGED_SEQ)) {
                forged = Math.max(forged, ((Number) series.values().get(0).get(1)).longValue());
            }
            for (Series series : store.query("SELECT count(detail) FROM alarms WHERE \"type\" = 'telemetry_gap' AND state = 'raised'")) {
                gapAlarms += ((Number) series.values().get(0).get(1)).longValue();
            }
        }
        return new Count(producedCount, stored, lost, firstLost, gapAlarms, forged);
    }

    static String station(int i) {
        return String.format(Locale.ROOT, "ll-%04d", i);
    }

    static String gateway(int i) {
        return "gw-" + station(i);
    }

    static String device(int d) {
        return String.format(Locale.ROOT, "inv-%02d", d);
    }

    /** A random password per login, written (owner-only) where the fleet JVMs read them: never on a command line. */
    private static Map<String, String> credentials(Settings s) throws IOException {
        SecureRandom random = new SecureRandom();
        Map<String, String> pw = new LinkedHashMap<>();
        for (int i = 1; i <= s.stations(); i++) {
            pw.put(gateway(i), secret(random));
        }
        pw.put(STOLEN_GATEWAY, secret(random));
        pw.put(COLLECTOR_USER, secret(random));
        pw.put(ROGUE_USER, secret(random));
        StringBuilder out = new StringBuilder();
        pw.forEach((u, p) -> out.append(u).append('=').append(p).append('\n'));
        Path file = s.dir().resolve(CREDENTIALS);
        Files.writeString(file, out);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return pw;
    }

    private static String secret(SecureRandom random) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Map<String, String> readCredentials(Path file) throws IOException {
        Map<String, String> pw = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                pw.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return pw;
    }

    /** {@code --name value} pairs; each of {@code required} must be present. */
    static Map<String, String> options(String[] args, String... required) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            o.put(args[i], args[++i]);
        }
        for (String r : required) {
            if (!o.containsKey(r)) {
                throw new IllegalArgumentException(r + " is required");
            }
        }
        return o;
    }

    /** Seconds, or a number with ms, s, m or h. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.replaceAll("[smh]$", ""));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 10m, 1h)");
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
        System.out.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private Soak() {
    }

    static Process childJvm(String main, List<String> jvm, List<String> args, Map<String, String> env, String ready, Path log) {
        return ChildJvm.start(main, jvm, args, env, ready, log, Duration.ofMinutes(5));
    }

    /** Resident memory of a process in KiB; 0 once it is gone. */
    static long rssKb(long pid) {
        try {
            return ProcStat.rssKb(pid);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
