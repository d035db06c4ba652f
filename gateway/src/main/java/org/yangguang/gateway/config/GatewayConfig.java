package org.yangguang.gateway.config;

import org.yangguang.contract.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole gateway configuration (reference: gateway/README.md). Load it from YAML with {@link #load(Path)}
 * or build it in code with {@link #builder(String, String)}.
 *
 * @param mapDirs extra directories searched for vendor register maps by name (NAME.yaml), before the shipped ones
 * @param health  where /health and /metrics are served; null: not at all
 * @param clock   how the gateway knows its clock is set before it stamps readings
 */
public record GatewayConfig(String station, String gateway, MqttConfig mqtt, BufferConfig buffer,
                            Duration pollInterval, List<LinkConfig> links, List<Path> mapDirs, HealthConfig health,
                            ClockConfig clock) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public GatewayConfig {
        if (!Topics.isId(station)) {
            throw new ConfigException("station '" + station + "' must match " + Topics.ID.pattern());
        }
        if (!Topics.isId(gateway)) {
            throw new ConfigException("gateway '" + gateway + "' must match " + Topics.ID.pattern());
        }
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(buffer, "buffer");
        clock = clock == null ? ClockConfig.TRUST : clock;
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new ConfigException("pollInterval must be positive, was " + pollInterval);
        }
        links = List.copyOf(links);
        mapDirs = List.copyOf(mapDirs);
        Set<String> ids = new HashSet<>();
        for (LinkConfig l : links) {
            for (DeviceConfig d : l.devices()) {
                if (!ids.add(d.id())) {
                    throw new ConfigException("device id '" + d.id() + "' is used twice");
                }
            }
        }
    }

    public List<DeviceConfig> devices() {
        return links.stream().flatMap(l -> l.devices().stream()).toList();
    }

    public static GatewayConfig load(Path file) {
        return ConfigReader.read(YamlTree.load(file), file.toAbsolutePath().getParent());
    }

    public static Builder builder(String station, String gateway) {
        return new Builder(station, gateway);
    }

    /** For code (tests, the launcher): every setting has the same default as in YAML. */
    public static final class Builder {
        private final String station;
        private final String gateway;
        private MqttConfig mqtt;
        private BufferConfig buffer;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private final List<LinkConfig> links = new ArrayList<>();
        private final List<Path> mapDirs = new ArrayList<>();
        private HealthConfig health;
        private ClockConfig clock = ClockConfig.TRUST;

        private Builder(String station, String gateway) {
            this.station = station;
            this.gateway = gateway;
        }

        public Builder mqtt(MqttConfig mqtt) {
            this.mqtt = mqtt;
            return this;
        }

        public Builder mqtt(String url) {
            return mqtt(MqttConfig.of(url, gateway));
        }

        public Builder buffer(BufferConfig buffer) {
            this.buffer = buffer;
            return this;
        }

        public Builder buffer(Path dir) {
            return buffer(BufferConfig.of(dir));
        }

        public Builder pollInterval(Duration d) {
            this.pollInterval = d;
            return this;
        }

        public Builder link(LinkConfig link) {
            links.add(link);
            return this;
        }

        public Builder mapDir(Path dir) {
            mapDirs.add(dir);
            return this;
        }

        public Builder health(HealthConfig health) {
            this.health = health;
            return this;
        }

        public Builder clock(ClockConfig clock) {
            this.clock = clock;
            return this;
        }

        public GatewayConfig build() {
            return new GatewayConfig(station, gateway, mqtt, buffer, pollInterval, links, mapDirs, health, clock);
        }
    }
}
