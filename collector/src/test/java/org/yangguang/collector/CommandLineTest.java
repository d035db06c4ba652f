package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.alarm.AlarmMode;
import org.yangguang.collector.config.CommandLine;
import org.yangguang.collector.http.HttpAuth;
import org.yangguang.collector.log.LogFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {
    @Test
    void optionsWinOverEnvironment() {
        CollectorConfig c = CommandLine.parse(new String[]{"--mqtt", "tcp://10.0.0.1:1883", "--http-port=0", "--batch-linger", "50ms",
                        "--alarms", "feed", "--client-id", "collector-a"},
                Map.of("YANGGUANG_COLLECTOR_MQTT", "tcp://env:1883", "YANGGUANG_COLLECTOR_DATABASE", "county", "YANGGUANG_COLLECTOR_MAX_AGE", "30d"));
        assertThat(c.mqttUrl()).isEqualTo("tcp://10.0.0.1:1883");
        assertThat(c.database()).isEqualTo("county");
        assertThat(c.httpPort()).isZero();
        assertThat(c.batchLinger()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(c.alarms()).isEqualTo(AlarmMode.FEED);
        assertThat(c.clientId()).isEqualTo("collector-a");
        assertThat(c.maxInFlightBytes()).as("default").isEqualTo(64L << 20);
        assertThat(CommandLine.parse(new String[]{"--max-in-flight-bytes", "1g"}, Map.of()).maxInFlightBytes()).isEqualTo(1L << 30);
    }

    @Test
    void tlsFromPemFilesAsTheGatewaysHaveThem() {
        CollectorConfig c = CommandLine.parse(new String[]{"--mqtt", "ssl://broker:8883", "--mqtt-ca", "/etc/yangguang/ca.pem",
                "--mqtt-cert", "/etc/yangguang/collector.pem", "--mqtt-key", "/etc/yangguang/collector.key"}, Map.of());
        assertThat(c.mqttCa()).isEqualTo(Path.of("/etc/yangguang/ca.pem"));
        assertThat(c.mqttCert()).isEqualTo(Path.of("/etc/yangguang/collector.pem"));
        assertThat(c.mqttKey()).isEqualTo(Path.of("/etc/yangguang/collector.key"));
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--mqtt-cert", "c.pem"}, Map.of()))
                .hasMessage("mqtt-cert and mqtt-key go together: the client certificate and its private key");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--mqtt-ca", "ca.pem", "--mqtt-truststore", "t.p12"}, Map.of()))
                .hasMessageContaining("either as a PEM file (mqtt-ca) or in a trust store (mqtt-truststore)");
    }

    @Test
    void httpListensOnLoopbackAndItsTokenNeverStandsOnTheCommandLine() throws Exception {
        CollectorConfig d = CommandLine.parse(new String[]{}, Map.of());
        assertThat(d.httpHost()).isEqualTo("127.0.0.1");
        assertThat(d.httpToken()).isNull();
        assertThat(d.httpAuth()).isEqualTo(HttpAuth.API);
        assertThat(d.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--http-token", "s3cret-s3cret-s3cret"}, Map.of()))
                .hasMessage("--http-token would be visible to every user of this machine (ps); set "
                        + "YANGGUANG_COLLECTOR_HTTP_TOKEN or use --http-token-file");
        assertThat(CommandLine.parse(new String[]{}, Map.of("YANGGUANG_COLLECTOR_HTTP_TOKEN", "from-the-environment-0001"))
                .httpToken()).isEqualTo("from-the-environment-0001");
        Path file = Files.createTempFile("collector", ".token");
        Files.writeString(file, "from-a-file-0123456789\n");
        CollectorConfig f = CommandLine.parse(new String[]{"--http-token-file", file.toString(), "--http-host", "0.0.0.0",
                "--http-auth", "all", "--log-format", "json"}, Map.of());
        assertThat(f.httpToken()).isEqualTo("from-a-file-0123456789");
        assertThat(f.toString()).doesNotContain("from-a-file-0123456789");
        assertThat(f.httpHost()).isEqualTo("0.0.0.0");
        assertThat(f.httpAuth()).isEqualTo(HttpAuth.ALL);
        assertThat(f.logFormat()).isEqualTo(LogFormat.JSON);
        Files.writeString(file, "short\n");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--http-token-file", file.toString()}, Map.of()))
                .hasMessageStartingWith("the HTTP API token must be at least 16 characters");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--http-token-file", "/no/such/token"}, Map.of()))
                .hasMessageStartingWith("--http-token-file '/no/such/token': cannot read the token file");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--log-format", "xml"}, Map.of()))
                .hasMessage("--log-format 'xml': log format must be text or json");
        assertThat(CommandLine.usage()).contains("YANGGUANG_COLLECTOR_HTTP_TOKEN").doesNotContain("--http-token V");
    }

    @Test
    void badInputSaysWhichOptionAndWhy() {
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--max-in-flight", "0"}, Map.of()))
                .hasMessage("max in-flight must be 1..65535 (MQTT Receive Maximum), was 0");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--max-in-flight-bytes", "64 MB"}, Map.of()))
                .hasMessage("--max-in-flight-bytes '64 MB': '64 MB' is not a size like 65536, 512k, 64m or 1g");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--max-in-flight-bytes", "512k"}, Map.of()))
                .hasMessage("max in-flight bytes must be at least 1048576 (one largest v2 message), was 524288");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--batch-linger", "soon"}, Map.of()))
                .hasMessageStartingWith("--batch-linger 'soon': ");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--influxdb", "x"}, Map.of()))
                .hasMessageStartingWith("unknown option --influxdb");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{}, Map.of("YANGGUANG_COLLECTOR_HTTP_PORT", "eighty")))
                .hasMessageStartingWith("YANGGUANG_COLLECTOR_HTTP_PORT 'eighty': ");
    }
}
