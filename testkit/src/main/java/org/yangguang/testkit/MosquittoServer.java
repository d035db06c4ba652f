package org.yangguang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private Mosquitto 2 on a free loopback port, configured as ./yangguang configures its own: QoS 1 messages
 * are never dropped (the defaults, 20 in flight and 1000 queued, drop them when a subscriber lags), and the
 * broker persists sessions so that a restart keeps queued QoS 1 messages for persistent clients.
 */
public final class MosquittoServer extends ServerProcess {
    private final int port;

    private MosquittoServer(Path dir, int port) {
        super("mosquitto", dir);
        this.port = port;
    }

    public static MosquittoServer start() {
        Path dir = tempDir("yg-mosquitto-");
        MosquittoServer server = new MosquittoServer(dir, freePort());
        server.writeConfig();
        server.launch();
        return server;
    }

    private void writeConfig() {
        String conf = String.join("\n",
                "# written by org.yangguang.testkit.MosquittoServer",
                "user root",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir() + "/",
                "autosave_interval 1",
                "log_dest file " + dir().resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "max_inflight_messages 0",
                "max_queued_messages 1000000",
                "max_queued_bytes 0",
                "");
        try {
            Files.writeString(dir().resolve("mosquitto.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    List<String> command() {
        return List.of("/usr/sbin/mosquitto", "-c", dir().resolve("mosquitto.conf").toString());
    }

    @Override
    boolean ready() {
        return accepts(port);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }
}
