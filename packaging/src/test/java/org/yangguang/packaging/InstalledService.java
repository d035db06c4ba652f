package org.yangguang.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service as its installed unit file describes it, started the way systemd starts it: as the unit's User and Group
 * with the user's supplementary groups, in its WorkingDirectory, with Environment= and EnvironmentFile= (a leading
 * "-": optional), running ExecStart. A test machine without systemd as PID 1 cannot apply the sandboxing options;
 * {@code systemd-analyze verify} checks those.
 */
final class InstalledService implements AutoCloseable {
    final String service;
    final Path unitFile;
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private Process process;

    InstalledService(String service) {
        this.service = service;
        this.unitFile = Path.of("/lib/systemd/system/yangguang-" + service + ".service");
        String section = "";
        try {
            for (String raw : Files.readAllLines(unitFile)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    section = line;
                    continue;
                }
                int eq = line.indexOf('=');
                keys.computeIfAbsent(section + line.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(line.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every value of {@code key} in section {@code [Service]}, {@code [Unit]} or {@code [Install]}, in order. */
    List<String> all(String section, String key) {
        return keys.getOrDefault("[" + section + "]" + key, List.of());
    }

    String one(String section, String key) {
        List<String> v = all(section, key);
        if (v.size() != 1) {
            throw new AssertionError(unitFile + ": [" + section + "] " + key + " given " + v.size() + " times");
        }
        return v.get(0);
    }

    /** The space-separated words of every value of {@code key} (ReadWritePaths=, StateDirectory=, ...). */
    List<String> words(String section, String key) {
        List<String> out = new ArrayList<>();
        all(section, key).forEach(v -> out.addAll(List.of(v.split("\\s+"))));
        return out;
    }

    void start(Path log) {
        String user = one("Service", "User");
        String group = one("Service", "Group");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("HOME", Dpkg.run("getent", "passwd", user).expectOk("getent").out().split(":")[5]);
        for (String e : all("Service", "Environment")) {
            int eq = e.indexOf('=');
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        for (String f : all("Service", "EnvironmentFile")) {
            boolean optional = f.startsWith("-");
            Path file = Path.of(optional ? f.substring(1) : f);
            if (!Files.exists(file) && optional) {
                continue;
            }
            env.putAll(readEnvironmentFile(file));
        }
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups", "--"));
        cmd.addAll(List.of(one("Service", "ExecStart").split("\\s+")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(one("Service", "WorkingDirectory")).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, as systemctl stop sends it; the exit code once it has stopped. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("yangguang-" + service + " ignored SIGTERM for 60 s (TimeoutStopSec)");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** systemd's EnvironmentFile: KEY=value lines, # comments, optional quotes around the value. */
    static Map<String, String> readEnvironmentFile(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.indexOf('=') < 1) {
                    continue;
                }
                int eq = line.indexOf('=');
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                env.put(line.substring(0, eq).strip(), v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }
}
