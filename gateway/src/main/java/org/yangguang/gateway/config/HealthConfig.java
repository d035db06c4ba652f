package org.yangguang.gateway.config;

/**
 * Where the gateway answers {@code GET /health} and {@code GET /metrics} (section {@code health:} of station.yaml; none
 * without it). Loopback by default: on a station's box it is for the operator's SSH session, systemd and a local
 * monitoring agent, not for the 4G side.
 */
public record HealthConfig(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";

    public HealthConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("health.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("health.port must be 0..65535 (0 picks a free port), was " + port);
        }
    }
}
