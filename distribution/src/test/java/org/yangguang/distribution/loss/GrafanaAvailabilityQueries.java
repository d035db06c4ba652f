package org.yangguang.distribution.loss;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the provisioned Grafana dashboard {@code dashboards/grafana/dashboards/availability.json}, with Grafana's
 * macros substituted as its PostgreSQL data source does: {@code $__timeFrom()}/{@code $__timeTo()} become the quoted
 * UTC instants of the time range (here: a month in local days), {@code $county} the chosen county's code.
 */
final class GrafanaAvailabilityQueries {
    static final Path DASHBOARD = Path.of(System.getProperty("user.dir")).resolveSibling("dashboards")
            .resolve("grafana").resolve("dashboards").resolve("availability.json");

    private final Map<?, ?> dashboard;

    GrafanaAvailabilityQueries(JsonMapper json) throws IOException {
        dashboard = json.readValue(Files.readAllBytes(DASHBOARD), Map.class);
    }

    /** Panel title → its one SQL query with the macros of {@code month} in {@code zone} and {@code county}. */
    Map<String, String> panels(YearMonth month, ZoneId zone, String county) {
        String from = "'" + month.atDay(1).atStartOfDay(zone).toInstant() + "'";
        String to = "'" + month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().minusMillis(1) + "'";
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : (List<?>) dashboard.get("panels")) {
            Map<?, ?> p = (Map<?, ?>) o;
            String title = (String) p.get("title");
            if (!"yangguang-pg".equals(((Map<?, ?>) p.get("datasource")).get("uid"))) {
                throw new AssertionError("panel " + title + " does not read yangguang-pg");
            }
            List<?> targets = (List<?>) p.get("targets");
            if (targets.size() != 1) {
                throw new AssertionError("panel " + title + " has " + targets.size() + " queries");
            }
            String sql = ((String) ((Map<?, ?>) targets.get(0)).get("rawSql"))
                    .replace("$__timeFrom()", from).replace("$__timeTo()", to).replace("$county", county);
            if (sql.matches("(?s).*\\$[A-Za-z_{].*")) {
                throw new AssertionError("an unresolved macro or variable in " + title + ": " + sql);
            }
            out.put(title, sql);
        }
        return out;
    }

    /** The county variable's query, as Grafana runs it on load. */
    String countyVariableQuery() {
        Map<?, ?> variable = (Map<?, ?>) ((List<?>) ((Map<?, ?>) dashboard.get("templating")).get("list")).get(0);
        return (String) variable.get("query");
    }
}
