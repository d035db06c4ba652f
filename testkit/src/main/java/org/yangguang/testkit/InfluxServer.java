package org.yangguang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A private InfluxDB 1.x (Debian's influxd) on free loopback ports, with its data in a temporary directory. */
public final class InfluxServer extends ServerProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final int port;
    private final int rpcPort;

    private InfluxServer(Path dir, int port, int rpcPort) {
        super("influxd", dir);
        this.port = port;
        this.rpcPort = rpcPort;
    }

    public static InfluxServer start() {
        Path dir = tempDir("yg-influxd-");
        InfluxServer server = new InfluxServer(dir, freePort(), freePort());
        server.writeConfig();
        server.launch();
        return server;
    }

    private void writeConfig() {
        ServerConfigs.write(dir().resolve("influxdb.conf"), ServerConfigs.influxdb(dir(), port, rpcPort));
    }

    @Override
    List<String> command() {
        return List.of("/usr/bin/influxd", "-config", dir().resolve("influxdb.conf").toString());
    }

    @Override
    boolean ready() {
        return ping(url());
    }

    static boolean ping(String url) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/ping"))
                    .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The backup/restore service ({@code influxd backup -host}, {@code influxd restore -host}). */
    public String rpcAddress() {
        return "127.0.0.1:" + rpcPort;
    }
}
