package org.yangguang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private Mosquitto 2 on a free loopback port, configured by {@link ServerConfigs} as ./yangguang's: QoS 1 messages
 * are never dropped (the defaults, 20 in flight and 1000 queued, drop them when a subscriber lags), and the
 * broker persists sessions so that a restart keeps queued QoS 1 messages for persistent clients.
 *
 * <p>{@link #startSecured} makes it a production-like broker instead: no anonymous clients, the dynamic-security
 * plugin with a role per user (what each may publish and subscribe to, client ids bound), a TLS listener that
 * requires a client certificate from a test CA ({@link BrokerSecurity}), and a debug log, the only level at which
 * Mosquitto 2.0 logs a refused PUBLISH ("Denied PUBLISH from ...").
 */
public final class MosquittoServer extends ServerProcess {
    private final int port;
    private final int tlsPort;
    private final BrokerSecurity security;

    private MosquittoServer(Path dir, int port, int tlsPort, BrokerSecurity security) {
        super("mosquitto", dir);
        this.port = port;
        this.tlsPort = tlsPort;
        this.security = security;
    }

    public static MosquittoServer start() {
        Path dir = tempDir("yg-mosquitto-");
        MosquittoServer server = new MosquittoServer(dir, freePort(), 0, null);
        server.writeConfig();
        server.launch();
        return server;
    }

    /**
     * A broker with two listeners, both wanting a user name and password: {@link #url()} (plain TCP, for test
     * subscribers) and {@link #tlsUrl()} (TLS, requiring a client certificate signed by {@code security().ca()}).
     * {@link #restart()} rereads passwords and ACL changed through {@link #security()}.
     */
    public static MosquittoServer startSecured(BrokerSecurity.Options options) {
        Path dir = tempDir("yg-mosquitto-tls-");
        int port = freePort();
        int tlsPort = freePort();
        while (tlsPort == port) {
            tlsPort = freePort();
        }
        MosquittoServer server = new MosquittoServer(dir, port, tlsPort, BrokerSecurity.create(dir, options));
        server.writeConfig();
        server.launch();
        return server;
    }

    /** The common part is {@link ServerConfigs}' (the launcher's too); the listeners are this broker's. */
    private void writeConfig() {
        List<String> conf = new ArrayList<>(ServerConfigs.mosquittoCommon(dir(), ServerConfigs.MosquittoLog.FILE,
                security != null));
        conf.addAll(security == null ? ServerConfigs.mosquittoAnonymous(port) : security.configLines(port, tlsPort));
        conf.add("");
        try {
            Files.createDirectories(dir().resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerConfigs.write(dir().resolve("mosquitto.conf"), String.join("\n", conf));
    }

    @Override
    List<String> command() {
        return List.of("/usr/sbin/mosquitto", "-c", dir().resolve("mosquitto.conf").toString());
    }

    @Override
    boolean ready() {
        return accepts(port) && (security == null || accepts(tlsPort));
    }

    public int port() {
        return port;
    }

    /** The broker's log file (with {@link #startSecured}, at debug level: ACL denials are in it). */
    public Path logFile() {
        return dir().resolve("mosquitto.log");
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TLS listener's port; only on a broker from {@link #startSecured}. */
    public int tlsPort() {
        requireSecured();
        return tlsPort;
    }

    public String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort();
    }

    /** The CA, client certificates, passwords and ACL of a broker from {@link #startSecured}. */
    public BrokerSecurity security() {
        requireSecured();
        return security;
    }

    private void requireSecured() {
        if (security == null) {
            throw new IllegalStateException("this broker has no TLS listener: start it with MosquittoServer.startSecured");
        }
    }
}
