package org.yangguang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one writer of the project-local servers' configurations — Mosquitto's and InfluxDB's — for the tests
 * ({@link MosquittoServer}, {@link InfluxServer}) and for ./yangguang (demo, services, benchmarks), which calls
 * {@link #main}: one place decides what a project-local server runs with, so the two cannot drift again (they had:
 * Mosquitto's {@code autosave_interval} 10 vs 1, InfluxDB's continuous-query {@code run-interval} 10s vs 1s).
 * A county's production servers are configured as docs/deployment.md says, not from here.
 *
 * <pre>
 * java -cp testkit.jar org.yangguang.testkit.ServerConfigs mosquitto --dir D --port P [--dynsec FILE] [--log stdout|file]
 * java -cp testkit.jar org.yangguang.testkit.ServerConfigs influxdb --dir D --port P --rpc R
 * </pre>
 * each writes {@code D/mosquitto.conf} or {@code D/influxdb.conf} and prints its path.
 */
public final class ServerConfigs {
    private ServerConfigs() {
    }

    /** Where Mosquitto logs: a file in its directory, or stdout (the launcher pipes it through its ACL-denial filter). */
    public enum MosquittoLog { FILE, STDOUT }

    /**
     * Everything but the listeners: QoS 1 messages are never dropped (the defaults, 20 in flight and 1000 queued per
     * client, drop them as soon as a subscriber lags: docs/toolchain.md), sessions persist, and a SIGKILLed broker loses
     * at most a second of what it accepted (receipts make that a resend, not lost readings). {@code verbose}: every log
     * type, the only level at which Mosquitto 2.0 logs a refused PUBLISH or a granted subscription.
     */
    public static List<String> mosquittoCommon(Path dir, MosquittoLog log, boolean verbose) {
        List<String> conf = new ArrayList<>(List.of(
                "# written by org.yangguang.testkit.ServerConfigs: a project-local broker",
                // ignored unless started as root; as root, Mosquitto would otherwise drop to user mosquitto and fail to
                // write its files in a directory root made
                "user root",
                "persistence true",
                "persistence_location " + dir.resolve("data") + "/",
                "autosave_interval 1",
                log == MosquittoLog.FILE ? "log_dest file " + dir.resolve("mosquitto.log") : "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice"));
        if (verbose) {
            conf.add("log_type all");
        }
        conf.addAll(List.of(
                "max_inflight_messages 0",
                "max_queued_messages 1000000",
                "max_queued_bytes 0"));
        return conf;
    }

    /** A loopback listener for anyone: the tests' and the services' broker. */
    public static List<String> mosquittoAnonymous(int port) {
        return List.of("listener " + port + " 127.0.0.1", "allow_anonymous true");
    }

    /**
     * No anonymous clients: the dynamic-security plugin with its users, roles and ACLs in {@code dynsecFile}
     * (./yangguang broker-access writes it from the registry), one set for every listener.
     */
    public static List<String> mosquittoDynamicSecurity(Path dynsecFile) {
        return List.of("per_listener_settings false", "allow_anonymous false",
                "plugin " + BrokerSecurity.dynamicSecurityPlugin(), "plugin_opt_config_file " + dynsecFile);
    }

    /**
     * HiveMQ CE ({@link HiveMqServer}), the second MQTT 5 broker: a loopback listener, and the limits set as
     * Mosquitto's are — a lagging subscriber's queue holds a million messages rather than HiveMQ's default thousand
     * (which would drop QoS 1 messages a receipt is owed for), and a session may be kept as long as a client asks.
     */
    public static String hivemq(int port) {
        return String.join("\n",
                "<?xml version=\"1.0\"?>",
                "<!-- written by org.yangguang.testkit.ServerConfigs: a project-local HiveMQ CE -->",
                "<hivemq>",
                "  <listeners>",
                "    <tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address></tcp-listener>",
                "  </listeners>",
                "  <mqtt>",
                "    <queued-messages><max-queue-size>1000000</max-queue-size><strategy>discard</strategy></queued-messages>",
                "    <session-expiry><max-interval>4294967295</max-interval></session-expiry>",
                "  </mqtt>",
                "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>",
                "</hivemq>",
                "");
    }

    /** InfluxDB 1.x: the template {@code servers/influxdb.conf} with its directory and ports. */
    public static String influxdb(Path dir, int httpPort, int rpcPort) {
        return Template.fill("influxdb.conf", Map.of("DIR", dir.toString(), "HTTP_PORT", String.valueOf(httpPort),
                "RPC_PORT", String.valueOf(rpcPort)));
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("ServerConfigs: " + e.getMessage());
            System.exit(2);
        }
    }

    static Path run(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: mosquitto --dir D --port P [--dynsec FILE] [--log stdout|file]"
                    + " | influxdb --dir D --port P --rpc R");
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        Path dir = Path.of(required(o, "dir")).toAbsolutePath();
        int port = port(required(o, "port"), "port");
        switch (args[0]) {
            case "mosquitto" -> {
                String dynsec = o.remove("dynsec");
                String log = o.getOrDefault("log", "file");
                o.remove("log");
                o.remove("dir");
                o.remove("port");
                if (!o.isEmpty() || !(log.equals("file") || log.equals("stdout"))) {
                    throw new IllegalArgumentException("mosquitto takes --dir, --port, --dynsec FILE, --log stdout|file; got "
                            + o.keySet() + " and --log " + log);
                }
                List<String> conf = new ArrayList<>(mosquittoCommon(dir, log.equals("stdout") ? MosquittoLog.STDOUT
                        : MosquittoLog.FILE, dynsec != null));
                if (dynsec != null) {
                    conf.addAll(mosquittoDynamicSecurity(Path.of(dynsec).toAbsolutePath()));
                    conf.add("listener " + port + " 127.0.0.1");
                } else {
                    conf.addAll(mosquittoAnonymous(port));
                }
                conf.add("");
                try {
                    Files.createDirectories(dir.resolve("data"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return write(dir.resolve("mosquitto.conf"), String.join("\n", conf));
            }
            case "influxdb" -> {
                return write(dir.resolve("influxdb.conf"), influxdb(dir, port, port(required(o, "rpc"), "rpc")));
            }
            default -> throw new IllegalArgumentException("unknown server '" + args[0] + "' (mosquitto or influxdb)");
        }
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static int port(String v, String name) {
        try {
            int p = Integer.parseInt(v);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a port 1..65535, was '" + v + "'");
        }
    }
}
