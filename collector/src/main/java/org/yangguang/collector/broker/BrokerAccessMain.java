package org.yangguang.collector.broker;

import org.yangguang.collector.registry.RegistryDocument;
import org.yangguang.collector.registry.RegistrySource;
import org.yangguang.collector.registry.RegistrySync;
import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.contract.BrokerAccess;
import org.yangguang.contract.DynamicSecurityFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./yangguang broker-access --registry registry.txt | --registry-url URL --registry-credentials FILE
 * --secrets DIR --out dynamic-security.json [--collector USER]... [--viewer USER]...}: writes the broker's access file
 * (Mosquitto's dynamic-security plugin) from the registry — distribution's registry of record, or a standalone
 * collector's file — the one place that says which gateway serves which station and logs in as whom. Each gateway
 * gets its own role (its station's telemetry, its status, its receipts) and its login is bound to its gateway id as
 * client id; collectors get the collectors' role (the only one that may subscribe to telemetry), viewers a read-only
 * one. Passwords are read from {@code DIR/<user>.password} (first line) and written only as hashes.
 */
public final class BrokerAccessMain {
    private BrokerAccessMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("broker-access: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(String[] args) throws IOException {
        Path registry = null;
        String registryUrl = null;
        Path credentials = null;
        Path secrets = null;
        Path out = null;
        List<String> collectors = new ArrayList<>();
        List<String> viewers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--registry" -> registry = Path.of(value);
                case "--registry-url" -> registryUrl = value;
                case "--registry-credentials" -> credentials = Path.of(value);
                case "--secrets" -> secrets = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--collector" -> collectors.add(value);
                case "--viewer" -> viewers.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--registry FILE or --registry-url URL --registry-credentials FILE, --secrets, --out, --collector, --viewer)");
            }
            i++;
        }
        if ((registry == null) == (registryUrl == null) || secrets == null || out == null) {
            throw new IllegalArgumentException("--secrets, --out and one registry are required: --registry FILE (a standalone "
                    + "collector's) or --registry-url URL --registry-credentials FILE (distribution's)");
        }
        StationRegistry r;
        String from;
        if (registryUrl != null) {
            if (credentials == null) {
                throw new IllegalArgumentException("--registry-url needs --registry-credentials FILE (user:secret)");
            }
            // read once, not kept: the cache and refresh interval are the running collector's
            RegistrySource source = RegistrySource.of(registryUrl, credentials, Path.of("registry-cache.json"),
                    java.time.Duration.ofSeconds(60));
            RegistryDocument doc;
            try {
                doc = RegistrySync.fetchOnce(source);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            r = StationRegistry.empty();
            r.replaceDeclared(doc.stations(), doc.gateways(), doc.devices());
            from = source.feed() + " has";
        } else {
            r = StationRegistry.load(registry);
            from = registry + " declares";
        }
        if (r.gateways().isEmpty()) {
            throw new IllegalArgumentException(from + " no gateway (register each station's gateway first)");
        }
        DynamicSecurityFile file = new DynamicSecurityFile().role(BrokerAccess.collector()).role(BrokerAccess.viewer());
        for (StationRegistry.Gateway g : r.gateways()) {
            file.gateway(g.user(), g.station(), g.id(), g.id(), password(secrets, g.user()));
        }
        for (String c : collectors) {
            // unbound: a collector runs two connections (<client-id> and <client-id>-pub)
            file.client(new DynamicSecurityFile.Client(c, null, password(secrets, c), List.of(BrokerAccess.COLLECTOR_ROLE)));
        }
        for (String v : viewers) {
            file.client(new DynamicSecurityFile.Client(v, null, password(secrets, v), List.of(BrokerAccess.VIEWER_ROLE)));
        }
        file.write(out);
        System.out.println("broker-access: " + r.gateways().size() + " gateways, " + collectors.size() + " collector and "
                + viewers.size() + " viewer logins written to " + out);
    }

    private static String password(Path secrets, String user) throws IOException {
        Path f = secrets.resolve(user + ".password");
        if (!Files.isReadable(f)) {
            throw new IllegalArgumentException("no password for " + user + ": " + f + " is missing or unreadable");
        }
        String pw = Files.readAllLines(f).stream().findFirst().orElse("").strip();
        if (pw.isEmpty()) {
            throw new IllegalArgumentException(f + " is empty");
        }
        return pw;
    }
}
