package org.yangguang.collector.broker;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.RegistryDocumentTest;
import org.yangguang.collector.RegistrySyncTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker's logins come from the registry of record: {@code broker-access --registry-url} reads the gateways
 * (and their broker users) from distribution's registry, as {@code --registry} reads a standalone collector's file.
 */
class BrokerAccessMainTest {
    @TempDir
    Path dir;

    @Test
    void theGatewaysLoginsComeFromDistributionsRegistry() throws Exception {
        HttpServer server = RegistrySyncTest.distribution(new AtomicReference<>(RegistryDocumentTest.FEED));
        try {
            Path secrets = Files.createDirectories(dir.resolve("secrets"));
            Files.writeString(secrets.resolve("gw-baiwen-01.password"), "gateway-password-1\n");
            Files.writeString(secrets.resolve("yangguang-collector.password"), "collector-password-1\n");
            Path credentials = Files.writeString(dir.resolve("cred"), RegistrySyncTest.USER + ":" + RegistrySyncTest.SECRET);
            Path out = dir.resolve("dynamic-security.json");
            BrokerAccessMain.run(new String[]{"--registry-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--registry-credentials", credentials.toString(), "--secrets", secrets.toString(), "--out", out.toString(),
                    "--collector", "yangguang-collector"});
            String written = Files.readString(out);
            assertThat(written).contains("\"gw-baiwen-01\"").contains("yangguang-collector").doesNotContain("gateway-password-1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void oneRegistryExactly() {
        assertThatThrownBy(() -> BrokerAccessMain.run(new String[]{"--registry", "registry.txt", "--registry-url",
                "http://127.0.0.1:9", "--secrets", "s", "--out", "o"})).hasMessageContaining("one registry");
        assertThatThrownBy(() -> BrokerAccessMain.run(new String[]{"--registry-url", "http://127.0.0.1:9", "--secrets", "s",
                "--out", "o"})).hasMessageContaining("--registry-credentials");
    }
}
