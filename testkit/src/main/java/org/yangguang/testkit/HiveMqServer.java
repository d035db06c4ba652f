package org.yangguang.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A private HiveMQ CE on a free loopback port, in a JVM of its own ({@link HiveMqMain}): the second MQTT 5 broker the
 * tests run the broker contract on (shared subscriptions, session expiry, receipts end to end), so that a county
 * past one Mosquitto can move to a clustered broker (docs/scale-out.md). Restartable on the same port and data, as
 * {@link MosquittoServer} is.
 */
public final class HiveMqServer extends ServerProcess {
    private final int port;

    private HiveMqServer(Path dir, int port) {
        super("hivemq", dir);
        this.port = port;
    }

    public static HiveMqServer start() {
        HiveMqServer server = new HiveMqServer(tempDir("yg-hivemq-"), freePort());
        server.launch();
        return server;
    }

    @Override
    List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", classPath(), HiveMqMain.class.getName(), "--dir", dir().toString(), "--port", String.valueOf(port));
    }

    /** This module's classes and HiveMQ's resolved dependencies, as the build wrote them (testkit/pom.xml). */
    private static String classPath() {
        String own;
        try {
            own = Path.of(HiveMqServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = HiveMqServer.class.getResourceAsStream("hivemq.classpath")) {
            if (in == null) {
                throw new IllegalStateException("testkit was built without hivemq.classpath (mvn -pl testkit package)");
            }
            return own + java.io.File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    boolean ready() {
        return accepts(port);
    }

    /** A JVM start plus HiveMQ's own (2-3 s idle): on a loaded two-core machine that has taken far longer. */
    @Override
    java.time.Duration readyTimeout() {
        return java.time.Duration.ofSeconds(120);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops it and removes its directory: HiveMQ's persistence takes hundreds of MB a run would leave in /tmp. */
    @Override
    public void close() {
        super.close();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir())) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing a test for
        }
    }
}
