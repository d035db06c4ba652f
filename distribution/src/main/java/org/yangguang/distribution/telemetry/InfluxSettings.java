package org.yangguang.distribution.telemetry;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * {@code yangguang.influx.url} (default http://127.0.0.1:8086), {@code yangguang.influx.database} (default
 * yangguang), {@code yangguang.influx.measurement} (default telemetry), optional
 * {@code yangguang.influx.username} / {@code yangguang.influx.password}. The collector writes there.
 */
@Singleton
public final class InfluxSettings {
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_-]{0,127}";

    private final String url;
    private final String database;
    private final String measurement;
    private final String username;
    private final String password;

    public InfluxSettings(@Value("${yangguang.influx.url:`http://127.0.0.1:8086`}") String url,
                          @Value("${yangguang.influx.database:yangguang}") String database,
                          @Value("${yangguang.influx.measurement:telemetry}") String measurement,
                          @Value("${yangguang.influx.username:}") String username,
                          @Value("${yangguang.influx.password:}") String password) {
        if (!database.matches(IDENTIFIER)) {
            throw new IllegalStateException("yangguang.influx.database must match " + IDENTIFIER + ": " + database);
        }
        if (!measurement.matches(IDENTIFIER)) {
            throw new IllegalStateException("yangguang.influx.measurement must match " + IDENTIFIER + ": "
                    + measurement);
        }
        this.url = url;
        this.database = database;
        this.measurement = measurement;
        this.username = username;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    public String measurement() {
        return measurement;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }
}
