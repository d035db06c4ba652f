package org.yangguang.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the machine's own tools (dpkg, systemd-analyze, getent, stat) and gives back what they said. */
final class Dpkg {
    record Result(int rc, String out) {
        Result expectOk(String what) {
            if (rc != 0) {
                throw new AssertionError(what + " exited " + rc + ":\n" + out);
            }
            return this;
        }
    }

    private Dpkg() {
    }

    static Result run(String... command) {
        return run(List.of(command), Map.of(), null);
    }

    static Result run(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 180 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * dpkg with its arguments, waiting while another dpkg or apt run holds the lock (another checkout's
     * ./yangguang test may be installing a server package at that moment).
     */
    static Result dpkg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dpkg"));
        cmd.addAll(List.of(args));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            Result r = run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"), null);
            if (r.rc() == 0 || !r.out().contains("lock") || System.nanoTime() > deadline) {
                return r;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    static boolean installed(String pkg) {
        Result r = run("dpkg-query", "-W", "-f=${db:Status-Status}", pkg);
        return r.rc() == 0 && r.out().trim().equals("installed");
    }

    /** {@code owner:group mode} of a path, as stat says it (e.g. {@code root:yangguang-gateway 750}). */
    static String ownerAndMode(String path) {
        return run("stat", "-c", "%U:%G %a", path).expectOk("stat " + path).out().trim();
    }
}
