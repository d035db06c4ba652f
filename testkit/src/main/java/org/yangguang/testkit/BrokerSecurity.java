package org.yangguang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a secured Mosquitto needs, made at test time in the broker's directory with the openssl and
 * mosquitto_passwd commands: a test CA, a server certificate for 127.0.0.1/localhost, one client certificate per
 * user (CN = the user name; PEM with a PKCS#8 key, as operators hand them to gateways), a password file and an
 * optional ACL file. Nothing here is secret or committed; every run makes new keys.
 */
public final class BrokerSecurity {
    private static final String OPENSSL = "/usr/bin/openssl";
    private static final String MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";

    /**
     * @param users user name → password, each also given a client certificate
     * @param acl   the ACL file's text (Mosquitto's acl_file syntax), or null for none: every user may do anything
     */
    public record Options(Map<String, String> users, String acl) {
        public Options {
            users = Map.copyOf(users);
            if (users.isEmpty()) {
                throw new IllegalArgumentException("a secured broker needs at least one user");
            }
            for (String user : users.keySet()) {
                // user names are file names here (user.pem, user.key), beside the CA's and the server's
                if (!user.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || user.equals("ca") || user.equals("server")) {
                    throw new IllegalArgumentException("user name '" + user + "' must be letters, digits, _ . - and not ca or server");
                }
            }
        }

        public static Options users(Map<String, String> users) {
            return new Options(users, null);
        }

        public Options acl(String aclText) {
            return new Options(users, aclText);
        }
    }

    private final Path dir;
    private final Map<String, String> passwords;
    private String acl;

    private BrokerSecurity(Path dir, Options options) {
        this.dir = dir;
        this.passwords = new TreeMap<>(options.users());
        this.acl = options.acl();
    }

    static BrokerSecurity create(Path dir, Options options) {
        for (String tool : List.of(OPENSSL, MOSQUITTO_PASSWD)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is not installed: run ./yangguang test (it installs it), "
                        + "or apt-get install " + (tool.equals(OPENSSL) ? "openssl" : "mosquitto"));
            }
        }
        BrokerSecurity s = new BrokerSecurity(dir, options);
        s.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=yangguang-test-ca");
        s.certificate("server", "localhost");
        for (String user : s.passwords.keySet()) {
            s.certificate(user, user);
        }
        s.writeAuth();
        return s;
    }

    /** The test CA's certificate: the broker's cafile, and what clients trust. */
    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /** {@code user}'s client certificate, signed by the test CA. */
    public Path certificate(String user) {
        return existing(user + ".pem");
    }

    /** {@code user}'s private key (PKCS#8, "BEGIN PRIVATE KEY"). */
    public Path key(String user) {
        return existing(user + ".key");
    }

    /** Changes (or adds) a user's password; the running broker reads it on its next {@code restart()}. */
    public synchronized void password(String user, String password) {
        passwords.put(user, password);
        writeAuth();
    }

    /** Replaces the ACL (null: none); the running broker reads it on its next {@code restart()}. */
    public synchronized void acl(String aclText) {
        acl = aclText;
        writeAuth();
    }

    /** The authentication and TLS part of mosquitto.conf: both listeners want a password, the TLS one also a client certificate. */
    List<String> configLines(int plainPort, int tlsPort) {
        return List.of(
                // one set of users and ACLs for both listeners (Mosquitto's default; said for the reader)
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file " + dir.resolve("passwd"),
                "acl_file " + dir.resolve("acl"),
                "listener " + plainPort + " 127.0.0.1",
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + ca(),
                "certfile " + dir.resolve("server.pem"),
                "keyfile " + dir.resolve("server.key"),
                "require_certificate true");
    }

    private void writeAuth() {
        Path passwd = dir.resolve("passwd");
        try {
            Files.deleteIfExists(passwd);
            Files.createFile(passwd, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            for (Map.Entry<String, String> u : passwords.entrySet()) {
                // -b: password on the command line (fine for throwaway test users); 2.0 hashes with sha512-pbkdf2
                run(List.of(MOSQUITTO_PASSWD, "-b", passwd.toString(), u.getKey(), u.getValue()));
            }
            // Without an ACL every user may do anything: one pattern line says so, and the config stays the same.
            Files.writeString(dir.resolve("acl"), acl != null ? acl : "pattern readwrite #\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
