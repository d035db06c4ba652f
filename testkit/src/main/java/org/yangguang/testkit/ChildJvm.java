package org.yangguang.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One of our services in a JVM of its own, on this test's class path, so that a test can kill it with SIGKILL as a
 * power cut or the OOM killer would ({@code destroyForcibly()}). Its output (stdout and stderr) goes to a log file;
 * {@link #start} returns once a line starts with the service's ready marker ({@code COLLECTOR READY},
 * {@code GATEWAY READY}), or fails with the log's tail.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param env extra environment (passwords: not on the command line)
     */
    public static Process start(String mainClass, List<String> jvmOptions, List<String> args, Map<String, String> env,
                                String ready, Path log, Duration timeout) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, mainClass));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        Writer out;
        try {
            p = pb.start();
            out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
        CountDownLatch readyLine = new CountDownLatch(1);
        // keeps reading its output to the end, so that it never blocks on a full pipe
        Thread copy = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer w = out) {
                String line;
                while ((line = in.readLine()) != null) {
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    if (line.startsWith(ready)) {
                        readyLine.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "child-jvm-output");
        copy.setDaemon(true);
        copy.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!readyLine.await(100, TimeUnit.MILLISECONDS)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException(mainClass + (p.isAlive() ? " did not print " : " exited before it printed ")
                            + ready + "; its log " + log + ":\n" + tail(log));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while " + mainClass + " started", e);
        }
        return p;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
