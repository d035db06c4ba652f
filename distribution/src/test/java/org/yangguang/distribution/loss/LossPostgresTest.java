package org.yangguang.distribution.loss;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.DistributionApp;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loss suite on PostgreSQL, plus what only PostgreSQL can run: the provisioned Grafana dashboard
 * "可用率与损失 Availability and lost revenue" (dashboards/grafana/dashboards/availability.json), its SQL run as the
 * read-only Grafana user of docs/deployment.md with Grafana's macros substituted for a month, answers the
 * county's availability report of the API to the fen and to the Wh, station by station and village by village,
 * an availability exactly halfway between two hundredths rounded half even as the report rounds it.
 */
class LossPostgresTest extends LossSuite {
    private static final String ST = "电站代码 station";

    @Override
    Map<String, Object> database() {
        return DistributionApp.postgres("yg_loss_test");
    }

    @Test
    void grafanasAvailabilityPanelsShowTheReportsFiguresToTheFenAndTheWh() throws Exception {
        // the refresh alone keeps this month's and last month's energy current, before anyone opens the report
        app.http().retrieve(HttpRequest.POST("/api/losses/refresh", "").bearerAuth(app.token("operator")), Map.class);
        YearMonth thisMonth = YearMonth.from(today);
        try (Connection c = grafanaConnection()) {
            assertThat(one(c, "SELECT COUNT(*) FROM station_month_energy WHERE month_start = DATE '" + thisMonth.atDay(1) + "'"))
                    .isEqualTo(one(c, "SELECT COUNT(*) FROM station")).isPositive();
            // last month read to its end (the first local midnight of this month), once for every station
            assertThat(one(c, "SELECT COUNT(*) FROM station_month_energy WHERE month_start = DATE '"
                    + thisMonth.minusMonths(1).atDay(1) + "' AND period_to = TIMESTAMPTZ '"
                    + thisMonth.atDay(1).atStartOfDay(ZONE).toInstant() + "'"))
                    .isEqualTo(one(c, "SELECT COUNT(*) FROM station"));
        } finally {
            dropGrafanaRole();
        }
        boolean someAvailability = false;
        for (YearMonth month : List.of(YearMonth.of(2026, 11), YearMonth.of(2026, 10), thisMonth)) {
            Map<?, ?> report = get("admin", "/api/reports/availability?month=" + month);
            try (Connection c = grafanaConnection()) {
                Map<String, String> panels = new GrafanaAvailabilityQueries(app.bean(JsonMapper.class))
                        .panels(month, ZONE, "lin");
                assertThat(panels).hasSize(5);
                List<String> titles = new ArrayList<>(panels.keySet());
                someAvailability |= checkStations(month, list(report.get("stations")), rows(c, panels.get(titles.get(2))));
                checkStations(month, list(report.get("worst")), rows(c, panels.get(titles.get(1))));
                assertThat(rows(c, panels.get(titles.get(1)))).extracting(r -> r.get(ST))
                        .as("the worst ten in the report's order, %s", month)
                        .containsExactlyElementsOf(list(report.get("worst")).stream().map(r -> r.get("station")).toList());
                checkTotals(month, report, rows(c, panels.get(titles.get(0))));
                checkStationVillages(month, list(report.get("stations")), rows(c, panels.get(titles.get(3))));
                Map<String, Long> villages = new TreeMap<>();
                rows(c, panels.get(titles.get(4))).forEach(r -> villages.put((String) r.get("村代码 village"),
                        fen(r.get("损失收益 lost yuan"))));
                assertThat(villages).as("villages, %s", month).isEqualTo(villageFen(report.get("villages")));
            } finally {
                dropGrafanaRole();
            }
        }
        assertThat(someAvailability).as("a station with produced energy and losses: the test compares something").isTrue();
    }

    @Test
    void anAvailabilityExactlyHalfwayIsRoundedHalfEvenInGrafanaAsInTheReport() throws Exception {
        // produced 19,973 kWh, lost 27 kWh: 19,973,000 × 100 ÷ 20,000,000 = 99.865 exactly → 99.86 (half up: 99.87)
        long county = registry.county("lin").orElseThrow().id();
        Station st = registry.createStation(new Station(null, "t-halfway", "测试半数电站", StationKind.VILLAGE, county,
                new BigDecimal("100.000"), LocalDate.of(2017, 6, 30), "poverty-2017", "III", new BigDecimal("100")));
        registry.recordShares("system", st, new ShareSetRequest(LocalDate.of(2017, 6, 30),
                List.of(new ShareInput("lin-duanjiata", new BigDecimal("100"))), "test: one village"), false);
        influx.inverter("t-halfway", "inv-01", Instant.parse("2026-08-31T16:00:00Z"), 5_000_000)
                .inverter("t-halfway", "inv-01", Instant.parse("2026-09-30T16:00:00Z"), 5_000_000 + 19_973_000L).flush();
        collector.put(new CollectorLossApi.Episode("t-halfway", "inv-02", "device_fault", ms("2026-09-10T02:00:00Z"),
                ms("2026-09-11T09:00:00Z"), "closed", null, 0, 0, null, days("2026-09-10", 20_000, "2026-09-11", 7_000)));
        app.http().retrieve(HttpRequest.POST("/api/losses/refresh", "").bearerAuth(app.token("operator")), Map.class);
        YearMonth september = YearMonth.of(2026, 9);
        Map<String, Object> row = byId(list(get("admin", "/api/reports/availability?month=" + september).get("stations")),
                "station", "t-halfway");
        assertThat(new BigDecimal(String.valueOf(row.get("availabilityPercent")))).isEqualByComparingTo("99.86");
        assertThat(n(row.get("producedWh"))).isEqualTo(19_973_000L);
        try (Connection c = grafanaConnection()) {
            Map<String, String> panels = new GrafanaAvailabilityQueries(app.bean(JsonMapper.class))
                    .panels(september, ZONE, "lin");
            Map<String, Object> g = byId(rows(c, new ArrayList<>(panels.values()).get(2)), ST, "t-halfway");
            assertThat((BigDecimal) g.get("可用率 availability %")).isEqualByComparingTo("99.86");
            // 27 kWh × 0.85 = 22.95 yuan, all 段家塔's
            assertThat(fen(g.get("损失收益 lost yuan"))).isEqualTo(2295).isEqualTo(n(row.get("lostFen")));
        } finally {
            dropGrafanaRole();
        }
    }

    @Test
    void grafanasUserReadsTheLossTablesAndNothingElse() throws Exception {
        try (Connection c = grafanaConnection()) {
            assertThat(rows(c, new GrafanaAvailabilityQueries(app.bean(JsonMapper.class)).countyVariableQuery()))
                    .extracting(r -> r.get("code")).contains("lin");
            for (String forbidden : List.of("DELETE FROM loss_day", "UPDATE station_month_energy SET produced_wh = 0",
                    "SELECT * FROM household", "SELECT * FROM account")) {
                assertThatThrownBy(() -> rows(c, forbidden)).as(forbidden).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        } finally {
            dropGrafanaRole();
        }
    }

    /** Each station row: availability %, produced and lost Wh, lost fen, faults, equal to the report's. */
    private static boolean checkStations(YearMonth month, List<Map<String, Object>> report, List<Map<String, Object>> sql) {
        assertThat(sql).as("rows, %s", month).hasSameSizeAs(report);
        boolean compared = false;
        for (Map<String, Object> r : report) {
            String code = (String) r.get("station");
            Map<String, Object> g = byId(sql, ST, code);
            String what = code + " " + month;
            assertThat(g.get("电站 name")).as(what).isEqualTo(r.get("name"));
            BigDecimal availability = (BigDecimal) g.get("可用率 availability %");
            if (r.get("availabilityPercent") == null) {
                assertThat(availability).as("availability %s", what).isNull();
            } else {
                assertThat(availability).as("availability %s", what)
                        .isEqualByComparingTo(new BigDecimal(String.valueOf(r.get("availabilityPercent"))));
            }
            assertThat(r.get("producedWh") == null ? null : n(r.get("producedWh"))).as("produced Wh %s", what)
                    .isEqualTo(wh(g.get("发电量 produced kWh")));
            assertThat(wh(g.get("损失电量 lost kWh"))).as("lost Wh %s", what).isEqualTo(n(r.get("lostWh")));
            assertThat(fen(g.get("损失收益 lost yuan"))).as("lost fen %s", what).isEqualTo(n(r.get("lostFen")));
            assertThat(n(g.get("故障数 faults"))).as("faults %s", what).isEqualTo(n(r.get("faults")));
            compared |= r.get("availabilityPercent") != null && n(r.get("lostWh")) > 0 && n(r.get("lostFen")) > 0;
        }
        return compared;
    }

    private static void checkTotals(YearMonth month, Map<?, ?> report, List<Map<String, Object>> sql) {
        assertThat(sql).hasSize(1);
        Map<String, Object> t = sql.get(0);
        assertThat(wh(t.get("损失电量 lost kWh"))).as("lost Wh %s", month).isEqualTo(n(report.get("lostWh")));
        assertThat(fen(t.get("损失收益 lost yuan"))).as("lost fen %s", month).isEqualTo(n(report.get("lostFen")));
        assertThat(fen(t.get("县级统筹 county pool yuan"))).isEqualTo(n(report.get("countyPoolFen")));
        assertThat(fen(t.get("其他 undistributed yuan"))).isEqualTo(n(report.get("undistributedFen")));
        assertThat(fen(t.get("村 villages yuan"))).isEqualTo(n(report.get("lostFen")) - n(report.get("countyPoolFen"))
                - n(report.get("undistributedFen")));
    }

    /** Per station: its villages' fen and the county pool as the report's; all its rows add up to its lost fen. */
    private static void checkStationVillages(YearMonth month, List<Map<String, Object>> report, List<Map<String, Object>> sql) {
        Map<String, Map<String, Long>> got = new HashMap<>();
        for (Map<String, Object> g : sql) {
            got.computeIfAbsent((String) g.get(ST), k -> new TreeMap<>())
                    .put((String) g.get("村代码 village"), fen(g.get("损失收益 lost yuan")));
        }
        for (Map<String, Object> r : report) {
            String code = (String) r.get("station");
            Map<String, Long> mine = new TreeMap<>(got.getOrDefault(code, Map.of()));
            assertThat(mine.values().stream().mapToLong(Long::longValue).sum()).as("Σ %s %s", code, month)
                    .isEqualTo(n(r.get("lostFen")));
            assertThat(mine.getOrDefault("county-pool", 0L)).isEqualTo(n(r.get("countyPoolFen")));
            mine.remove("county-pool");
            mine.remove("undistributed");
            assertThat(mine).as("villages of %s %s", code, month).isEqualTo(villageFen(r.get("villages")));
        }
    }

    private static Long wh(Object kwh) {
        return kwh == null ? null : ((BigDecimal) kwh).movePointRight(3).longValueExact();
    }

    private static long fen(Object yuan) {
        return ((BigDecimal) yuan).movePointRight(2).longValueExact();
    }

    // ------------------------------------------------------------------ the read-only user of docs/deployment.md

    private String role;

    /** A connection acting as a fresh Grafana user granted exactly what docs/deployment.md grants. */
    private Connection grafanaConnection() throws SQLException {
        role = ("yg_grafana_" + Long.toHexString(System.nanoTime())).toLowerCase(Locale.ROOT);
        // an unpooled connection: the role it takes must not go back into the service's pool
        HikariDataSource pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class));
        Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " NOLOGIN");
            s.execute("GRANT USAGE ON SCHEMA public TO " + role);
            s.execute("GRANT SELECT ON county, station, village, loss_episode, loss_day, loss_share, station_month_energy TO "
                    + role);
            s.execute("SET ROLE " + role);
        }
        return c;
    }

    private void dropGrafanaRole() throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class)).getConnection();
             Statement s = c.createStatement()) {
            s.execute("DROP OWNED BY " + role);
            s.execute("DROP ROLE " + role);
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static long one(Connection c, String sql) throws SQLException {
        return n(rows(c, sql).get(0).values().iterator().next());
    }
}
