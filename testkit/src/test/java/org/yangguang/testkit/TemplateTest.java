package org.yangguang.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The servers' configuration files and their one writer: the launcher's servers (through {@link ServerConfigs}) and the
 * tests' are configured from the same files (they drifted when the launcher filled its own copies: the continuous
 * queries ran every 10 s under the launcher and every 1 s in the tests).
 */
class TemplateTest {
    @Test
    void theInfluxdbConfigurationIsFilledExactly() throws Exception {
        Path dir = Files.createTempDirectory("yg-template");
        // a path with characters a naive substitution mangles (a regex replacement treats $ and \\ specially)
        String data = dir.resolve("data & more $1 \\x/x").toString();
        String java = Template.fill("influxdb.conf", Map.of("DIR", data, "HTTP_PORT", "18086", "RPC_PORT", "18088"));
        assertThat(java).contains("dir = \"" + data + "/meta\"", "bind-address = \"127.0.0.1:18086\"",
                "bind-address = \"127.0.0.1:18088\"", "run-interval = \"1s\"").doesNotContain("${");
    }

    @Test
    void anUnfilledPlaceholderIsRefusedNamingIt() {
        assertThatThrownBy(() -> Template.fill("influxdb.conf", Map.of("DIR", "/tmp/x", "HTTP_PORT", "1")))
                .hasMessageContaining("placeholder ${RPC_PORT} not filled");
    }
}
