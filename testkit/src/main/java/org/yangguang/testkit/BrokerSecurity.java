package org.yangguang.testkit;

import org.yangguang.contract.BrokerAccess;
import org.yangguang.contract.DynamicSecurityFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a secured Mosquitto needs, made at test time in the broker's directory with the openssl command and the
 * contract's {@link DynamicSecurityFile}: a test CA, a server certificate for 127.0.0.1/localhost, one client
 * certificate per user (CN = the user name; PEM with a PKCS#8 key, as operators hand them to gateways), and the
 * dynamic-security plugin's file with each user's password hash, client-id binding and role ({@link BrokerAccess}),
 * every default access denied. Nothing here is secret or committed; every run makes new keys.
 */
public final class BrokerSecurity {
    private static final String OPENSSL = "/usr/bin/openssl";

    /** A user's rights: a role and, for gateways, the one client id it may connect with (null: any). */
    public record Grant(BrokerAccess.Role role, String clientId) {
    }

    /**
     * @param users  user name → password, each also given a client certificate
     * @param grants user name → its role; a user without one may log in and do nothing at all
     */
    public record Options(Map<String, String> users, Map<String, Grant> grants) {
        public Options {
            users = Map.copyOf(users);
            grants = Map.copyOf(grants);
            if (users.isEmpty()) {
                throw new IllegalArgumentException("a secured broker needs at least one user");
            }
            for (String user : users.keySet()) {
                // user names are file names here (user.pem, user.key), beside the CA's and the server's
                if (!user.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || user.equals("ca") || user.equals("server")) {
                    throw new IllegalArgumentException("user name '" + user + "' must be letters, digits, _ . - and not ca or server");
                }
            }
            for (String user : grants.keySet()) {
                if (!users.containsKey(user)) {
                    throw new IllegalArgumentException("a role for '" + user + "', who has no password in users");
                }
            }
        }

        public static Options users(Map<String, String> users) {
            return new Options(users, Map.of());
        }

        /** {@code user} is the gateway of {@code station} with id (and client id) {@code gateway}. */
        public Options gateway(String user, String station, String gateway) {
            return grant(user, new Grant(BrokerAccess.gateway(station, gateway), gateway));
        }

        public Options collector(String user) {
            return grant(user, new Grant(BrokerAccess.collector(), null));
        }

        public Options viewer(String user) {
            return grant(user, new Grant(BrokerAccess.viewer(), null));
        }

        public Options grant(String user, Grant grant) {
            Map<String, Grant> g = new TreeMap<>(grants);
            g.put(user, grant);
            return new Options(users, g);
        }
    }

    private final Path dir;
    private final Map<String, String> passwords;
    private final Map<String, Grant> grants;

    private BrokerSecurity(Path dir, Options options) {
        this.dir = dir;
        this.passwords = new TreeMap<>(options.users());
        this.grants = new TreeMap<>(options.grants());
    }

    static BrokerSecurity create(Path dir, Options options) {
        if (!Files.isExecutable(Path.of(OPENSSL))) {
            throw new IllegalStateException(OPENSSL + " is not installed: run ./yangguang test (it installs it), or apt-get install openssl");
        }
        dynamicSecurityPlugin(); // fails here, with what to install, rather than as a broker that does not start
        BrokerSecurity s = new BrokerSecurity(dir, options);
        s.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=yangguang-test-ca");
        s.certificate("server", "localhost");
        // client certificates are made when first asked for: a fleet of hundreds of gateway users (the soak)
        // would otherwise wait minutes for RSA keys nobody uses on the plain listener
        s.writeAuth();
        return s;
    }

    /** Debian's mosquitto package ships the plugin under its multiarch library directory. */
    static Path dynamicSecurityPlugin() {
        for (String candidate : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib/arm-linux-gnueabihf",
                "/usr/lib", "/usr/local/lib")) {
            Path p = Path.of(candidate, "mosquitto_dynamic_security.so");
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("mosquitto_dynamic_security.so not found: apt-get install mosquitto (2.0 or newer)");
    }

    /** The test CA's certificate: the broker's cafile, and what clients trust. */
    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /** {@code user}'s client certificate, signed by the test CA (made on the first call for this user). */
    public Path certificate(String user) {
        return clientFile(user, ".pem");
    }

    /** {@code user}'s private key (PKCS#8, "BEGIN PRIVATE KEY"; made with its certificate). */
    public Path key(String user) {
        return clientFile(user, ".key");
    }

    private synchronized Path clientFile(String user, String suffix) {
        if (!passwords.containsKey(user)) {
            throw new IllegalArgumentException("no " + user + suffix + ": certificates are made for the users in Options only");
        }
        if (!Files.exists(dir.resolve(user + ".pem"))) {
            certificate(user, user);
        }
        return existing(user + suffix);
    }

    /** Changes (or adds) a user's password; the running broker reads it on its next {@code restart()}. */
    public synchronized void password(String user, String password) {
        passwords.put(user, password);
        writeAuth();
    }

    /** Gives {@code user} a role (replacing any it had); the running broker reads it on its next {@code restart()}. */
    public synchronized void grant(String user, Grant grant) {
        grants.put(user, grant);
        writeAuth();
    }

    /** The dynamic-security plugin's file (password hashes, client-id bindings, roles). */
    public Path dynamicSecurityFile() {
        return dir.resolve("dynamic-security.json");
    }

    /** The authentication and TLS part of mosquitto.conf: both listeners want a password, the TLS one also a client certificate. */
    List<String> configLines(int plainPort, int tlsPort) {
        return List.of(
                // one set of users and roles for both listeners (Mosquitto's default; said for the reader)
                "per_listener_settings false",
                "allow_anonymous false",
                "plugin " + dynamicSecurityPlugin(),
                "plugin_opt_config_file " + dynamicSecurityFile(),
                "listener " + plainPort + " 127.0.0.1",
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + ca(),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true");
    }

    private void writeAuth() {
        DynamicSecurityFile file = new DynamicSecurityFile();
        for (Map.Entry<String, String> u : passwords.entrySet()) {
            Grant g = grants.get(u.getKey());
            if (g != null) {
                file.role(g.role());
            }
            file.client(new DynamicSecurityFile.Client(u.getKey(), g == null ? null : g.clientId(), u.getValue(),
                    g == null ? List.of() : List.of(g.role().name())));
        }
        file.write(dynamicSecurityFile());
    }

    private void certificate(String name, String cn) {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
        try {
            Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private Path existing(String file) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no " + file + ": certificates are made for the users in Options only");
        }
        return p;
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(OPENSSL));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
