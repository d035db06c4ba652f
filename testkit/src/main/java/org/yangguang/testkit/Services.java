package org.yangguang.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The servers tests share. ./yangguang test starts project-local Mosquitto and InfluxDB and exports their
 * addresses (YANGGUANG_MQTT_URL, YANGGUANG_INFLUX_URL); a plain `mvn verify` without them gets private
 * instances started here, once per JVM and stopped at exit. PostgreSQL is the machine's server
 * (YANGGUANG_PG_URL/USER/PASSWORD, default the local trust-auth cluster on 5432).
 */
public final class Services {
    private static MosquittoServer mosquitto;
    private static InfluxServer influx;

    private Services() {
    }

    public static synchronized String mqttUrl() {
        String env = System.getenv("YANGGUANG_MQTT_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        if (mosquitto == null) {
            mosquitto = MosquittoServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(mosquitto::close, "testkit-mosquitto-stop"));
        }
        return mosquitto.url();
    }

    public static synchronized String influxUrl() {
        String env = System.getenv("YANGGUANG_INFLUX_URL");
        if (env != null && !env.isBlank()) {
            if (!InfluxServer.ping(env)) {
                throw new IllegalStateException("InfluxDB at YANGGUANG_INFLUX_URL=" + env + " does not answer /ping");
            }
            return env;
        }
        if (influx == null) {
            influx = InfluxServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(influx::close, "testkit-influxd-stop"));
        }
        return influx.url();
    }

    public static JdbcTarget postgres() {
        return new JdbcTarget(env("YANGGUANG_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                env("YANGGUANG_PG_USER", "postgres"), env("YANGGUANG_PG_PASSWORD", ""));
    }

    /** Drops (forcibly, closing other sessions) and creates database {@code name}; returns how to reach it. */
    public static JdbcTarget freshPostgresDatabase(String name) {
        // Several checkouts may run their suites on one machine at once: YANGGUANG_PG_DB_SUFFIX keeps their
        // databases apart (a test's fixed name would otherwise be dropped under another run's feet).
        name = name + env("YANGGUANG_PG_DB_SUFFIX", "");
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower_snake_case: " + name);
        }
        JdbcTarget admin = postgres();
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + admin.url() + " is not usable (" + e.getMessage()
                    + "); ./yangguang test starts it, or set YANGGUANG_PG_URL", e);
        }
        int slash = admin.url().lastIndexOf('/');
        int query = admin.url().indexOf('?', slash);
        String url = admin.url().substring(0, slash + 1) + name + (query < 0 ? "" : admin.url().substring(query));
        return new JdbcTarget(url, admin.user(), admin.password());
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
