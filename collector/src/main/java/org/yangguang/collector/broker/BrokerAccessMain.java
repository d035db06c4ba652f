package org.yangguang.collector.broker;

import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.contract.BrokerAccess;
import org.yangguang.contract.DynamicSecurityFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./yangguang broker-access --registry registry.txt --secrets DIR --out dynamic-security.json
 * [--collector USER]... [--viewer USER]...}: writes the broker's access file (Mosquitto's dynamic-security plugin)
 * from the registry, the one place that says which gateway serves which station and logs in as whom. Each gateway
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
                case "--secrets" -> secrets = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--collector" -> collectors.add(value);
                case "--viewer" -> viewers.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--registry, --secrets, --out, --collector, --viewer)");
            }
            i++;
        }
        if (registry == null || secrets == null || out == null) {
            throw new IllegalArgumentException("--registry, --secrets and --out are required");
        }
        StationRegistry r = StationRegistry.load(registry);
        if (r.gateways().isEmpty()) {
            throw new IllegalArgumentException(registry + " declares no gateway ('gateway <id> station=<station> [user=<login>]')");
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
