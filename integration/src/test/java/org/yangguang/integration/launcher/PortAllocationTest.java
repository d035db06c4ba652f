package org.yangguang.integration.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./yangguang's port allocation (free_port): launchers started at once, with the default ports taken, each get ports
 * of their own, because a port is reserved for its launcher before its server listens (two demos at once used to
 * give the collector and distribution the same port). The launcher is sourced and its function called, as a demo
 * calls it; reservations go to a private directory, not the machine's.
 */
class PortAllocationTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).resolveSibling("yangguang");

    @Test
    void launchersStartedAtOnceNeverShareAPort(@TempDir Path reservations) throws Exception {
        // a listener that never accepts, its backlog full after one probe: the launcher must not hang on it
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int base = taken.getLocalPort(); // the "default" port is in use, as by a first demo
            // four launchers, six ports each, the last two from the same defaults as in a demo; they hold their
            // reservations until all have chosen
            String script = "source '" + LAUNCHER + "'; set +e\n"
                    + "for name in a b c d e f; do free_port port " + base + "; printf '%s\\n' \"$port\"; done\n"
                    + "while [[ ! -f '" + reservations.resolve("go") + "' ]]; do sleep 0.05; done\n"
                    + "release_ports\n";
            List<Process> launchers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                launchers.add(bash(script, reservations));
            }
            List<Integer> ports = new ArrayList<>();
            for (Process p : launchers) {
                ports.addAll(readPorts(p, 6));
            }
            assertThat(launchers).allMatch(Process::isAlive); // holding their reservations
            Files.writeString(reservations.resolve("go"), "");
            for (Process p : launchers) {
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            }
            assertThat(new HashSet<>(ports)).as("24 distinct ports: " + ports).hasSize(24).doesNotContain(base);
            // released at exit: nothing is left reserved
            try (var left = Files.list(reservations)) {
                assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+"))).isEmpty();
            }
        }
    }

    @Test
    void aReservationOfALauncherThatDiedIsReclaimed(@TempDir Path reservations) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(reservations.resolve(String.valueOf(port)), dead.pid() + "\n");
        Process p = bash("source '" + LAUNCHER + "'; free_port port " + port + "; printf '%s\\n' \"$port\"", reservations);
        assertThat(readPorts(p, 1)).containsExactly(port);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private static Process bash(String script, Path reservations) throws IOException {
        ProcessBuilder b = new ProcessBuilder("bash", "-c", script);
        b.environment().put("YANGGUANG_PORT_DIR", reservations.toString());
        return b.start();
    }

    private static List<Integer> readPorts(Process p, int n) throws IOException {
        List<Integer> ports = new ArrayList<>();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < n; i++) {
            String line = out.readLine();
            assertThat(line).as("port " + (i + 1) + " of " + n + "; stderr: "
                    + (line == null ? new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "")).isNotNull();
            ports.add(Integer.parseInt(line.trim()));
        }
        return ports;
    }
}
