package org.yangguang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server binary run as a child process with project-local config and data, on ports chosen when it was
 * created. stop() or kill() then restart() brings it back on the same ports with the same data, as an operator's restart
 * would; kill() is the SIGKILL a power cut or OOM killer delivers.
 */
abstract class ServerProcess implements AutoCloseable {
    private final String name;
    private final Path dir;
    private Process process;

    ServerProcess(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    abstract List<String> command();

    abstract boolean ready();

    /** How long a start may take before it counts as failed. */
    Duration readyTimeout() {
        return Duration.ofSeconds(30);
    }

    Path dir() {
        return dir;
    }

    Path log() {
        return dir.resolve(name + ".out");
    }

    /** Starts the server again on the same ports with the same data; stops it first if it is running. */
    public final synchronized void restart() {
        if (process != null) {
            stop();
        }
        launch();
    }

    final synchronized void launch() {
        String binary = command().get(0);
        if (!Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException(binary + " is not installed: run ./yangguang test (it installs "
                    + name + "), or apt-get install " + (name.equals("influxd") ? "influxdb" : name));
        }
        try {
            process = new ProcessBuilder(command()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        await(this::ready, readyTimeout(), name + " did not become ready; see " + log());
    }

    /** Graceful stop (SIGTERM), waiting for the process to exit. */
    public final synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        waitFor();
    }

    /** SIGKILL: no chance to flush anything. */
    public final synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor();
    }

    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting: " + failure, e);
            }
        }
    }
}
