package org.yangguang.integration.grafana;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yangguang.integration.console.LiveFleet;
import org.yangguang.simulator.station.Faults;
import org.yangguang.testkit.Services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every panel of the shipped Grafana dashboards answers with data: a simulated station feeds the real chain
 * (Modbus → gateway → Mosquitto → collector → InfluxDB, rollups included), then each dashboard's template
 * variables and every panel's InfluxQL are taken from the JSON, Grafana's macros substituted as Grafana would,
 * and run against that InfluxDB. A panel whose query names a wrong measurement, field, tag or retention policy
 * returns nothing and fails here.
 */
class GrafanaPanelQueriesTest {
    static final Path DASHBOARDS = Path.of(System.getProperty("user.dir")).resolveSibling("dashboards")
            .resolve("grafana").resolve("dashboards");
    static final Instant START = Instant.parse("2026-06-21T03:00:00Z");    // 11:00 in Lin County

    static LiveFleet fleet;
    static Instant end;

    @BeforeAll
    static void feed() throws Exception {
        fleet = LiveFleet.start(START);
        for (int i = 0; i < 13; i++) {
            if (i == 10) {
                // a tripped inverter: alarms for the alarm dashboard
                fleet.simulator().inverter(2).setFaults(Faults.NONE.withAlarm(0x0000_0001L));
            }
            fleet.poll();
        }
        fleet.settle();
        end = fleet.clock().instant();
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void theFourDashboardsAreThere() throws IOException {
        assertThat(dashboardFiles()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("fleet.json", "station.json", "alarms.json", "availability.json");
        for (Path p : dashboardFiles()) {
            JsonObject d = read(p);
            assertThat(d.getString("uid")).as(p.toString()).startsWith("yangguang-");
            // availability.json reads distribution's PostgreSQL; its SQL is checked against the API's report by
            // distribution's LossPostgresTest (GrafanaAvailabilityQueries)
            String source = p.getFileName().toString().equals("availability.json") ? "yangguang-pg" : "yangguang-influx";
            for (JsonObject panel : panels(d)) {
                assertThat(panel.getJsonObject("datasource").getString("uid")).as(p + " " + panel.getString("title"))
                        .isEqualTo(source);
            }
        }
    }

    @Test
    void everyPanelQueryReturnsData() throws IOException {
        List<String> empty = new ArrayList<>();
        int queries = 0;
        try (InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl())) {
            for (Path file : influxDashboardFiles()) {
                JsonObject dashboard = read(file);
                Map<String, String> vars = variables(influx, dashboard, file);
                for (JsonObject panel : panels(dashboard)) {
                    for (Object o : panel.getJsonArray("targets")) {
                        JsonObject target = (JsonObject) o;
                        assertThat(target.getBoolean("rawQuery", false)).as("raw InfluxQL in " + panel.getString("title")).isTrue();
                        String q = substitute(target.getString("query"), vars);
                        queries++;
                        if (!hasValue(run(influx, q, file + " / " + panel.getString("title")))) {
                            empty.add(file.getFileName() + " / " + panel.getString("title") + ": " + q);
                        }
                    }
                }
            }
        }
        assertThat(queries).as("panel queries found").isGreaterThanOrEqualTo(18);
        assertThat(empty).as("panels whose query returned no data").isEmpty();
    }

    /** Resolves each query variable in order by running its query, as Grafana does on load. */
    private Map<String, String> variables(InfluxDB influx, JsonObject dashboard, Path file) {
        Map<String, String> vars = new LinkedHashMap<>();
        JsonArray list = dashboard.getJsonObject("templating", new JsonObject()).getJsonArray("list", new JsonArray());
        for (Object o : list) {
            JsonObject v = (JsonObject) o;
            assertThat(v.getString("type")).as("variable " + v.getString("name")).isEqualTo("query");
            QueryResult r = run(influx, substitute(v.getString("query"), vars), file + " variable " + v.getString("name"));
            List<String> values = new ArrayList<>();
            for (QueryResult.Series s : series(r)) {
                int col = s.getColumns().indexOf("value");
                s.getValues().forEach(row -> values.add(String.valueOf(row.get(col))));
            }
            assertThat(values).as(file + " variable " + v.getString("name") + " has values").isNotEmpty();
            String name = v.getString("name");
            if ("station".equals(name)) {
                assertThat(values).contains(LiveFleet.STATION);
                vars.put(name, escape(LiveFleet.STATION));
            } else if (v.getBoolean("includeAll", false) && v.getString("allValue") != null) {
                vars.put(name, v.getString("allValue"));
            } else {
                // Grafana's regex format of a multi-value selection: (a|b|c), each value escaped
                vars.put(name, "(" + String.join("|", values.stream().map(GrafanaPanelQueriesTest::escape).toList()) + ")");
            }
        }
        return vars;
    }

    /** Grafana's macros for InfluxQL over the range [START - 1 day, end + 1 hour]. */
    private static String substitute(String query, Map<String, String> vars) {
        String q = query.replace("$timeFilter", "time >= " + START.minusSeconds(86_400).toEpochMilli() + "ms and time <= "
                        + end.plusSeconds(3600).toEpochMilli() + "ms")
                .replace("$__interval_ms", "300000").replace("$__interval", "5m");
        for (Map.Entry<String, String> v : vars.entrySet()) {
            q = q.replace("${" + v.getKey() + "}", v.getValue()).replace("[[" + v.getKey() + "]]", v.getValue())
                    .replaceAll("\\$" + v.getKey() + "\\b", Matcher.quoteReplacement(v.getValue()));
        }
        // what is left of "$" is regex anchors (/^...$/), never a name
        assertThat(q).as("every macro and variable resolved in " + query).doesNotContainPattern("\\$[A-Za-z_{]")
                .doesNotContain("[[");
        return q;
    }

    private static String escape(String value) {
        return value.replaceAll("([\\\\^$.|?*+()\\[\\]{}/])", "\\\\$1");
    }

    private static QueryResult run(InfluxDB influx, String q, String where) {
        QueryResult r = influx.query(new Query(q, fleet.database()));
        assertThat(r.getError()).as(where + ": " + q).isNull();
        for (QueryResult.Result x : r.getResults()) {
            assertThat(x.getError()).as(where + ": " + q).isNull();
        }
        return r;
    }

    private static List<QueryResult.Series> series(QueryResult r) {
        List<QueryResult.Series> out = new ArrayList<>();
        for (QueryResult.Result x : r.getResults()) {
            if (x.getSeries() != null) {
                out.addAll(x.getSeries());
            }
        }
        return out;
    }

    /** At least one non-null value in a column other than time. */
    private static boolean hasValue(QueryResult r) {
        for (QueryResult.Series s : series(r)) {
            for (List<Object> row : s.getValues()) {
                for (int i = 0; i < row.size(); i++) {
                    if (!"time".equals(s.getColumns().get(i)) && row.get(i) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Path> influxDashboardFiles() throws IOException {
        return dashboardFiles().stream().filter(p -> !p.getFileName().toString().equals("availability.json")).toList();
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonObject read(Path p) throws IOException {
        return new JsonObject(Files.readString(p, StandardCharsets.UTF_8));
    }

    /** Panels, including those inside collapsed rows. */
    private static List<JsonObject> panels(JsonObject dashboard) {
        List<JsonObject> out = new ArrayList<>();
        for (Object o : dashboard.getJsonArray("panels")) {
            JsonObject p = (JsonObject) o;
            if ("row".equals(p.getString("type"))) {
                p.getJsonArray("panels", new JsonArray()).forEach(x -> out.add((JsonObject) x));
            } else {
                out.add(p);
            }
        }
        return out;
    }

}
