package org.yangguang.distribution;

import org.yangguang.distribution.telemetry.InfluxFixture;

import java.util.EnumMap;
import java.util.Map;

/**
 * One running service per database kind for the whole test JVM (starting Micronaut per test class would cost
 * seconds each), seeded with the Lin County demo registry and reading telemetry from one throwaway InfluxDB
 * database. Suites use their own codes and registration numbers so they do not disturb each other.
 */
public final class SharedApps {
    public enum Db { H2, POSTGRES }

    private static final Map<Db, DistributionApp> APPS = new EnumMap<>(Db.class);
    private static InfluxFixture influx;

    private SharedApps() {
    }

    public static synchronized InfluxFixture influx() {
        if (influx == null) {
            influx = new InfluxFixture();
            Runtime.getRuntime().addShutdownHook(new Thread(influx::close, "drop-test-influx-db"));
        }
        return influx;
    }

    /** Service account names of the shared apps (programs: a collector, an installer's scan), Lin County. */
    public static final String COLLECTOR = "collector-svc";
    public static final String INSTALLER = "installer-svc";

    /** The service accounts every shared app provisions, with the demo password as their secret. */
    public static Map<String, Object> serviceAccounts() {
        return Map.of("yangguang.service-accounts." + COLLECTOR + ".role", "COLLECTOR",
                "yangguang.service-accounts." + COLLECTOR + ".county", "lin",
                "yangguang.service-accounts." + COLLECTOR + ".secret", DistributionApp.DEMO_PASSWORD,
                "yangguang.service-accounts." + INSTALLER + ".role", "INSTALLER",
                "yangguang.service-accounts." + INSTALLER + ".county", "lin",
                "yangguang.service-accounts." + INSTALLER + ".secret", DistributionApp.DEMO_PASSWORD);
    }

    public static synchronized DistributionApp app(Db db) {
        return APPS.computeIfAbsent(db, d -> {
            InfluxFixture f = influx();
            Map<String, Object> database = d == Db.H2 ? DistributionApp.h2() : DistributionApp.postgres("yg_dist_test");
            // the collector's query API is deliberately unreachable (port 9, discard): console routes answer 503
            Map<String, Object> more = new java.util.HashMap<>(Map.of("yangguang.demo.seed", "true",
                    "yangguang.influx.url", f.url(), "yangguang.influx.database", f.database(),
                    "yangguang.collector.url", "http://127.0.0.1:9"));
            more.putAll(serviceAccounts());
            DistributionApp app = DistributionApp.start(database, more);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "stop-test-app-" + d));
            return app;
        });
    }
}
