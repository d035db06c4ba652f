package org.yangguang.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One writer of the project-local servers' configurations (issue 16 item 7): what ./yangguang gets from
 * {@link ServerConfigs#main} is what the tests' servers run with, and the launcher writes none itself.
 */
class ServerConfigsTest {
    @TempDir
    Path dir;

    @Test
    void theLaunchersBrokerIsTheTestsBrokerPlusItsListener() throws Exception {
        Path conf = ServerConfigs.run(new String[]{"mosquitto", "--dir", dir.toString(), "--port", "18831"});
        List<String> lines = Files.readAllLines(conf);
        assertThat(lines).containsSubsequence(ServerConfigs.mosquittoCommon(dir, ServerConfigs.MosquittoLog.FILE, false));
        assertThat(lines).contains("listener 18831 127.0.0.1", "allow_anonymous true", "autosave_interval 1",
                "max_inflight_messages 0", "max_queued_messages 1000000");
        assertThat(dir.resolve("data")).isDirectory();

        Path secured = ServerConfigs.run(new String[]{"mosquitto", "--dir", dir.resolve("s").toString(), "--port", "18832",
                "--dynsec", "/tmp/dynsec.json", "--log", "stdout"});
        assertThat(Files.readAllLines(secured)).contains("allow_anonymous false", "plugin_opt_config_file /tmp/dynsec.json",
                "log_dest stdout", "log_type all").doesNotContain("allow_anonymous true");
    }

    @Test
    void influxdbComesFromTheOneTemplate() throws Exception {
        Path conf = ServerConfigs.run(new String[]{"influxdb", "--dir", dir.toString(), "--port", "18086", "--rpc", "18088"});
        String text = Files.readString(conf);
        assertThat(text).contains("bind-address = \"127.0.0.1:18086\"", "bind-address = \"127.0.0.1:18088\"",
                "run-interval = \"1s\"", "dir = \"" + dir + "/meta\"").doesNotContain("${");
    }

    @Test
    void badArgumentsSayWhat() {
        assertThatThrownBy(() -> ServerConfigs.run(new String[]{"mosquitto", "--dir", dir.toString()}))
                .hasMessageContaining("--port is required");
        assertThatThrownBy(() -> ServerConfigs.run(new String[]{"redis", "--dir", dir.toString(), "--port", "1"}))
                .hasMessageContaining("unknown server 'redis'");
        assertThatThrownBy(() -> ServerConfigs.run(new String[]{"influxdb", "--dir", dir.toString(), "--port", "99999",
                "--rpc", "1"})).hasMessageContaining("--port must be a port");
    }

    /** The drift this replaced: the launcher kept its own copy of these settings in a heredoc. */
    @Test
    void theLauncherWritesNoServerConfigurationItself() throws Exception {
        String launcher = Files.readString(Path.of("..", "yangguang"));
        for (String setting : List.of("autosave_interval", "max_queued_messages", "max_inflight_messages",
                "persistence_location", "run-interval", "allow_anonymous")) {
            assertThat(launcher).as(setting).doesNotContain(setting);
        }
        assertThat(launcher).contains("org.yangguang.testkit.ServerConfigs");
    }
}
