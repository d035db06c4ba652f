package org.yangguang.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {
    private static final String STATION = String.join("\n",
            "station: lin-baiwen-01",
            "gateway: gw-baiwen-01",
            "pollInterval: 5s",
            "mqtt:",
            "  url: tcp://127.0.0.1:1883",
            "  username: gw",
            "  password: secret",
            "  tls: {ca: certs/ca.pem, cert: certs/gw.pem, key: certs/gw.key}",
            "buffer:",
            "  dir: buffer",
            "  maxBytes: 256MB",
            "  syncInterval: PT2S",
            "links:",
            "  - tcp: {host: 192.168.1.20, port: 502}",
            "    timeout: 3s",
            "    retries: 2",
            "    pauseBetweenRequests: 50ms",
            "    delayAfterConnect: 1s",
            "    maxRegistersPerRequest: 64",
            "    devices:",
            "      - {id: inv-01, unit: 1, kind: inverter, map: huawei-sun2000}",
            "      - {id: inv-02, unit: 2, sunspec: true}",
            "  - rtu: {port: /dev/ttyUSB0, baud: 19200, parity: even, stopBits: 1}",
            "    devices:",
            "      - {id: meter-01, unit: 11, kind: meter, map: maps/my-meter.yaml}",
            "");

    @Test
    void readsEverySetting(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("station.yaml");
        Files.writeString(f, STATION);
        GatewayConfig c = GatewayConfig.load(f);
        assertThat(c.station()).isEqualTo("lin-baiwen-01");
        assertThat(c.gateway()).isEqualTo("gw-baiwen-01");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.mqtt().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.mqtt().clientId()).isEqualTo("gw-baiwen-01");
        assertThat(c.mqtt().username()).isEqualTo("gw");
        assertThat(c.mqtt().tls().ca()).isEqualTo(dir.resolve("certs/ca.pem"));
        assertThat(c.buffer().dir()).isEqualTo(dir.resolve("buffer"));
        assertThat(c.buffer().maxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(c.buffer().syncInterval()).isEqualTo(Duration.ofSeconds(2));
        LinkConfig tcp = c.links().get(0);
        assertThat(tcp.tcp()).isEqualTo(new LinkConfig.Tcp("192.168.1.20", 502));
        assertThat(tcp.timing().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tcp.timing().retries()).isEqualTo(2);
        assertThat(tcp.timing().pauseBetweenRequests()).isEqualTo(Duration.ofMillis(50));
        assertThat(tcp.timing().delayAfterConnect()).isEqualTo(Duration.ofSeconds(1));
        assertThat(tcp.maxRegistersPerRequest()).isEqualTo(64);
        assertThat(tcp.devices()).containsExactly(new DeviceConfig("inv-01", 1, "inverter", "huawei-sun2000"),
                new DeviceConfig("inv-02", 2, "inverter", null));
        LinkConfig rtu = c.links().get(1);
        assertThat(rtu.rtu()).isEqualTo(new LinkConfig.Rtu("/dev/ttyUSB0", 19200, 8, "even", 1));
        assertThat(rtu.timing()).isEqualTo(org.yangguang.gateway.modbus.LinkTiming.DEFAULTS);
        assertThat(c.devices()).extracting(DeviceConfig::id).containsExactly("inv-01", "inv-02", "meter-01");
    }

    @Test
    void errorsNameFileLineAndWhat(@TempDir Path dir) throws Exception {
        assertError(dir, STATION.replace("unit: 2,", "unit: 300,"),
                "station.yaml:22: links[0].devices[1].unit: must be 0..255, was 300");
        assertError(dir, STATION.replace("pollInterval: 5s", "pollIntervall: 5s"),
                "station.yaml:3: pollIntervall: unknown key 'pollIntervall'");
        assertError(dir, STATION.replace("parity: even", "parity: mark"),
                "station.yaml:23: links[1].rtu.parity: must be none, even or odd, was 'mark'");
        assertError(dir, STATION.replace("timeout: 3s", "timeout: soon"),
                "station.yaml:15: links[0].timeout: must be a duration");
        assertError(dir, STATION.replace("id: inv-02", "id: inv-01"), "device id 'inv-01' is used twice");
        assertError(dir, STATION.replace("station: lin-baiwen-01", "station: Lin Baiwen"),
                "station.yaml:1: station: 'Lin Baiwen' must match");
        assertError(dir, STATION.replace("  url: tcp://127.0.0.1:1883\n", ""),
                "station.yaml:5: mqtt: missing required key 'url'");
        assertError(dir, STATION.replace("links:", "links: ["), "station.yaml:");
        assertError(dir, STATION.replace(", key: certs/gw.key}", "}"),
                "station.yaml:8: mqtt.tls: 'cert' and 'key' go together");
    }

    @Test
    void readsThePasswordFromAFileBesideTheConfig(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/mqtt.password"), "s3cr3t-from-file\n");
        Path f = dir.resolve("station.yaml");
        Files.writeString(f, STATION.replace("  password: secret", "  passwordFile: secrets/mqtt.password"));
        GatewayConfig c = GatewayConfig.load(f);
        assertThat(c.mqtt().username()).isEqualTo("gw");
        assertThat(c.mqtt().password()).isEqualTo("s3cr3t-from-file");
        assertThat(c.mqtt().toString()).contains("username=gw").doesNotContain("s3cr3t");

        Files.writeString(dir.resolve("secrets/mqtt.password"), "no-line-break");
        assertThat(GatewayConfig.load(f).mqtt().password()).isEqualTo("no-line-break");

        Files.writeString(dir.resolve("secrets/mqtt.password"), "");
        assertError(dir, STATION.replace("  password: secret", "  passwordFile: secrets/mqtt.password"),
                "station.yaml:7: mqtt.passwordFile: " + dir.resolve("secrets/mqtt.password") + " is empty");
        Files.writeString(dir.resolve("secrets/mqtt.password"), "-----BEGIN PRIVATE KEY-----\nMIIE\n");
        assertError(dir, STATION.replace("  password: secret", "  passwordFile: secrets/mqtt.password"),
                "mqtt.passwordFile: " + dir.resolve("secrets/mqtt.password") + " must hold the password alone, on one line");
        assertError(dir, STATION.replace("  password: secret", "  passwordFile: secrets/missing"),
                "station.yaml:7: mqtt.passwordFile: cannot read " + dir.resolve("secrets/missing") + " (NoSuchFileException)");
        assertError(dir, STATION.replace("  password: secret", "  password: secret\n  passwordFile: secrets/mqtt.password"),
                "station.yaml:8: mqtt.passwordFile: give either 'password' or 'passwordFile', not both");
    }

    private static void assertError(Path dir, String yaml, String expected) throws Exception {
        Path f = dir.resolve("station.yaml");
        Files.writeString(f, yaml);
        assertThatThrownBy(() -> GatewayConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected);
    }
}
