package org.yangguang.testkit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher's servers and the tests' are configured from the same files: ./yangguang's fill_template and
 * {@link Template#fill} must write the same bytes from them (they drifted when each wrote its own copy: the
 * continuous queries ran every 10 s under the launcher and every 1 s in the tests).
 */
class TemplateTest {
    private static final Path LAUNCHER = Path.of("..", "yangguang").toAbsolutePath().normalize();

    @Test
    void launcherAndTestkitWriteTheSameInfluxdbConfiguration() throws Exception {
        Path dir = Files.createTempDirectory("yg-template");
        // a path with characters a naive substitution mangles (bash 5.2 patsub treats & as the match, sed / and &)
        String data = dir.resolve("data & more/x").toString();
        Path out = dir.resolve("influxdb.conf");
        Result r = launcherFill("testkit/src/main/resources/org/yangguang/testkit/servers/influxdb.conf", out,
                "DIR=" + data, "HTTP_PORT=18086", "RPC_PORT=18088");
        assertThat(r.rc).as(r.err).isZero();
        String java = Template.fill("influxdb.conf", Map.of("DIR", data, "HTTP_PORT", "18086", "RPC_PORT", "18088"));
        assertThat(Files.readString(out)).isEqualTo(java.endsWith("\n") ? java : java + "\n");
        assertThat(java).contains("dir = \"" + data + "/meta\"", "bind-address = \"127.0.0.1:18086\"",
                "bind-address = \"127.0.0.1:18088\"", "run-interval = \"1s\"").doesNotContain("${");
    }

    @Test
    void anUnfilledPlaceholderIsRefusedByBothNamingIt() throws Exception {
        Path out = Files.createTempDirectory("yg-template").resolve("influxdb.conf");
        Result r = launcherFill("testkit/src/main/resources/org/yangguang/testkit/servers/influxdb.conf", out,
                "DIR=/tmp/x", "HTTP_PORT=1");
        assertThat(r.rc).isNotZero();
        assertThat(r.err).contains("placeholder ${RPC_PORT} not filled");
        assertThat(out).doesNotExist();
        assertThatThrownBy(() -> Template.fill("influxdb.conf", Map.of("DIR", "/tmp/x", "HTTP_PORT", "1")))
                .hasMessageContaining("placeholder ${RPC_PORT} not filled");
    }

    private record Result(int rc, String err) {
    }

    /** Runs the launcher's own fill_template (sourced from the script, not a copy) on a file of the repository. */
    private static Result launcherFill(String template, Path out, String... values) throws Exception {
        String script = "set -euo pipefail; ROOT=" + LAUNCHER.getParent() + "\n"
                + "source <(sed -n '/^say()/,/^die()/p;/^fill_template() {/,/^}/p' \"$ROOT/yangguang\")\n"
                + "fill_template \"$ROOT/" + template + "\" \"$1\" \"${@:2}\"\n";
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "fill", out.toString()));
        cmd.addAll(List.of(values));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("fill_template did not finish");
        }
        return new Result(p.exitValue(), err);
    }
}
