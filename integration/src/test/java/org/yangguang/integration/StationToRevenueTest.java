package org.yangguang.integration;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.collector.Collector;
import org.yangguang.collector.CollectorConfig;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.ServedValues;
import org.yangguang.simulator.station.SimulatedInverter;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.testkit.JdbcTarget;
import org.yangguang.testkit.MutableClock;
import org.yangguang.testkit.Services;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine, end to end on real servers: simulated SunSpec inverters (Modbus TCP) → gateway (j2mod, Paho QoS 1)
 * → Mosquitto → collector (Vert.x) → InfluxDB → distribution (PostgreSQL) → each village's revenue, to the fen.
 * One clock, moved by hand, drives the sun, the gateway's timestamps and the collector's skew checks, so the
 * numbers are exact and the test never sleeps for the sun.
 */
class StationToRevenueTest {
    private static final String STATION = "lin-baiwen-01";          // the seeded joint station: 40 / 35 / 25 %
    private static final Instant T1 = Instant.parse("2026-06-21T04:00:00Z");   // 12:00 in Lin County
    private static final Duration PERIOD = Duration.ofHours(1);
    private static final BigDecimal TARIFF = new BigDecimal("0.8500");       // poverty-2017, zone III (seeded config)
    private static final Map<String, BigDecimal> SHARES = Map.of(
            "lin-yaotou", new BigDecimal("40"), "lin-fanjiagou", new BigDecimal("35"), "lin-xingshengshan", new BigDecimal("25"));

    @TempDir
    Path buffer;

    @Test
    void energyTheSimulatorServedBecomesEachVillagesRevenueToTheFen() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String database = "e2e_" + run;
        MutableClock clock = new MutableClock(T1);

        try (SimulatedStation sim = SimulatedStation.start(SimulatorConfig.defaults(3, 50_000), clock);
             Collector collector = Collector.start(CollectorConfig.builder()
                     .mqttUrl(Services.mqttUrl()).influxUrl(Services.influxUrl()).database(database)
                     .group("e2e" + run).clientId("e2e-collector-" + run).httpPort(0)
                     .batchLinger(Duration.ofMillis(50)).clock(clock).build());
             Gateway gateway = Gateway.create(gatewayConfig(sim.port()), clock);
             InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
            gateway.startUplink();

            // Two polls an hour apart around noon: the simulator integrates the sun in between.
            sim.refresh();
            List<ServedValues> first = served(sim);
            List<Telemetry> polled1 = gateway.pollOnce();
            clock.advance(PERIOD);
            sim.refresh();
            List<ServedValues> second = served(sim);
            List<Telemetry> polled2 = gateway.pollOnce();
            assertThat(polled1).hasSize(3).allMatch(t -> t.status() == DeviceStatus.OK);
            assertThat(polled2).hasSize(3).allMatch(t -> t.status() == DeviceStatus.OK);
            assertThat(gateway.awaitConfirmed(Duration.ofSeconds(30))).as("the collector receipted every reading as stored").isTrue();

            // What InfluxDB holds is exactly what the inverters served, in W and Wh.
            Map<String, List<List<Object>>> stored = awaitRows(influx, database, 6);
            for (int i = 0; i < 3; i++) {
                String device = "inv-0" + (i + 1);
                List<List<Object>> rows = stored.get(device);
                assertThat(rows).as(device).hasSize(2);
                assertRow(rows.get(0), T1, first.get(i));
                assertRow(rows.get(1), T1.plus(PERIOD), second.get(i));
            }

            long energyWh = 0;
            for (int i = 0; i < 3; i++) {
                energyWh += second.get(i).acEnergyWh() - first.get(i).acEnergyWh();
            }
            // Three 50 kW inverters at a June noon make well over 100 kWh in an hour: data really flowed.
            assertThat(energyWh).isGreaterThan(100_000);

            try (EmbeddedServer distribution = startDistribution(database, run);
                 HttpClient http = distribution.getApplicationContext().createBean(HttpClient.class, distribution.getURL())) {
                Map<?, ?> report = http.toBlocking().retrieve(HttpRequest.GET("/api/stations/" + STATION + "/revenue?from="
                        + T1 + "&to=" + T1.plus(PERIOD)).basicAuth("finance", "yangguang-demo"), Map.class);

                long grossFen = new BigDecimal(energyWh).multiply(TARIFF).divide(BigDecimal.TEN, 0, RoundingMode.HALF_UP)
                        .longValueExact();
                assertThat(((Number) report.get("energyWh")).longValue()).isEqualTo(energyWh);
                assertThat(new BigDecimal(report.get("tariffYuanPerKwh").toString())).isEqualByComparingTo(TARIFF);
                assertThat(((Number) report.get("grossFen")).longValue()).isEqualTo(grossFen);

                Map<String, Long> expected = largestRemainder(grossFen, SHARES);
                Map<String, Long> actual = new HashMap<>();
                for (Object o : (List<?>) report.get("villages")) {
                    Map<?, ?> v = (Map<?, ?>) o;
                    actual.put((String) v.get("village"), ((Number) v.get("revenueFen")).longValue());
                }
                assertThat(actual).isEqualTo(expected);
                assertThat(actual.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(grossFen);
            }
        } finally {
            try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
                influx.query(new Query("DROP DATABASE " + database));
            }
        }
    }

    private GatewayConfig gatewayConfig(int modbusPort) {
        List<DeviceConfig> devices = List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"),
                DeviceConfig.sunspec("inv-02", 2, "inverter"), DeviceConfig.sunspec("inv-03", 3, "inverter"));
        return GatewayConfig.builder(STATION, "gw-baiwen-01")
                .mqtt(Services.mqttUrl())
                .link(LinkConfig.tcp("127.0.0.1", modbusPort, LinkTiming.DEFAULTS, devices))
                .pollInterval(Duration.ofHours(1))
                .buffer(buffer)
                .build();
    }

    private static List<ServedValues> served(SimulatedStation sim) {
        List<ServedValues> out = new ArrayList<>();
        for (SimulatedInverter inverter : sim.inverters()) {
            out.add(inverter.served());
        }
        return out;
    }

    private static void assertRow(List<Object> row, Instant at, ServedValues served) {
        assertThat(Instant.parse((String) row.get(0))).isEqualTo(at);
        assertThat((Double) row.get(1)).as("ac_power W").isEqualTo((double) served.acPowerW());
        assertThat((Double) row.get(2)).as("ac_energy Wh").isEqualTo((double) served.acEnergyWh());
        assertThat(served.acPowerW()).as("the sun was up").isPositive();
    }

    /** Waits (bounded) until the collector has written {@code expected} rows; returns them by device. */
    private static Map<String, List<List<Object>>> awaitRows(InfluxDB influx, String database, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, List<List<Object>>> byDevice = new HashMap<>();
        while (System.nanoTime() < deadline) {
            byDevice.clear();
            QueryResult r = influx.query(new Query("SELECT ac_power, ac_energy FROM telemetry WHERE station = '"
                    + STATION + "' GROUP BY device", database));
            int rows = 0;
            if (r.getResults() != null && r.getResults().get(0).getSeries() != null) {
                for (QueryResult.Series s : r.getResults().get(0).getSeries()) {
                    byDevice.put(s.getTags().get("device"), s.getValues());
                    rows += s.getValues().size();
                }
            }
            if (rows >= expected) {
                return byDevice;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("InfluxDB did not receive " + expected + " rows within 30 s; has " + byDevice);
    }

    private static EmbeddedServer startDistribution(String influxDatabase, String run) {
        JdbcTarget pg = Services.freshPostgresDatabase("e2e_" + run);
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("datasources.default.url", pg.url());
        p.put("datasources.default.username", pg.user());
        p.put("datasources.default.password", pg.password());
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("yangguang.demo.seed", "true");
        p.put("yangguang.influx.url", Services.influxUrl());
        p.put("yangguang.influx.database", influxDatabase);
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", UUID.randomUUID() + "-" + UUID.randomUUID());
        p.put("yangguang.security.pbkdf2-iterations", 1000);
        try {
            // the ledger's checkpoints outside the database: a directory of this run's own
            p.put("yangguang.ledger.checkpoint-dir", java.nio.file.Files.createTempDirectory("yg-e2e-ledger-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    /**
     * The split the docs promise, computed independently: floor of each exact share, then the remaining fen one by
     * one to the largest remainders, ties to the smaller village code.
     */
    private static Map<String, Long> largestRemainder(long totalFen, Map<String, BigDecimal> sharesPercent) {
        Map<String, Long> out = new HashMap<>();
        List<Map.Entry<String, BigDecimal>> remainders = new ArrayList<>();
        long given = 0;
        for (Map.Entry<String, BigDecimal> e : sharesPercent.entrySet()) {
            BigDecimal exact = BigDecimal.valueOf(totalFen).multiply(e.getValue()).divide(BigDecimal.valueOf(100));
            long floor = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
            out.put(e.getKey(), floor);
            given += floor;
            remainders.add(Map.entry(e.getKey(), exact.subtract(BigDecimal.valueOf(floor))));
        }
        remainders.sort((a, b) -> {
            int c = b.getValue().compareTo(a.getValue());
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        for (int i = 0; i < totalFen - given; i++) {
            out.merge(remainders.get(i).getKey(), 1L, Long::sum);
        }
        return out;
    }
}
