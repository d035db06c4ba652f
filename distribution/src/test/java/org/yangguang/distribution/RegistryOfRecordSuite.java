package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.AuditEvent;
import org.yangguang.distribution.access.AuditRepository;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The registry of record over HTTP (issue 16 item 1), on H2 and PostgreSQL: a station placed, its gateway and a
 * declared device in the feed a collector reads with its service account; a scan's devices PENDING (not in the feed)
 * until an operator confirms one; a re-scan that neither duplicates nor overwrites; bad reports refused with the field;
 * and the service roles held to their few routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryOfRecordSuite {
    static final io.micronaut.core.type.Argument<List<Map>> LIST = io.micronaut.core.type.Argument.listOf(Map.class);
    DistributionApp app;
    String station;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        Registry r = app.bean(Registry.class);
        station = TestData.uniqueNo("st").toLowerCase();
        r.createStation(new Station(null, station, "测试电站", StationKind.VILLAGE, r.county("lin").orElseThrow().id(),
                new BigDecimal("300"), LocalDate.of(2017, 6, 30), "poverty-2017", "III", new BigDecimal("100")));
        String base = "/api/registry/stations/" + station;
        as("admin", HttpRequest.PUT(base + "/site", Map.of("latitude", "37.950000", "longitude", "110.990000",
                "reason", "survey")));
        as("admin", HttpRequest.POST(base + "/gateways", Map.of("code", station + "-gw", "brokerUser", station + "-gw",
                "reason", "commissioning")));
        as("admin", HttpRequest.POST(base + "/devices", Map.of("code", "meter-01", "kind", "meter", "unit", 200,
                "make", "Eastron", "model", "SDM630", "serial", "E-123", "gateway", station + "-gw",
                "link", Map.of("serialPort", "/dev/ttyUSB0", "baud", 9600, "parity", "none", "stopBits", 1),
                "registerMap", "eastron-sdm630", "reason", "commissioning")));
    }

    @Test
    void theCollectorReadsStationsAndActiveDevicesWithItsServiceAccount() {
        Map<?, ?> feed = app.http().retrieve(HttpRequest.GET("/api/registry")
                .basicAuth(SharedApps.COLLECTOR, DistributionApp.DEMO_PASSWORD), Map.class);
        assertThat(feed.get("county")).isEqualTo("lin");
        Map<?, ?> st = ((List<?>) feed.get("stations")).stream().map(Map.class::cast)
                .filter(s -> station.equals(s.get("code"))).findFirst().orElseThrow();
        assertThat(new BigDecimal(st.get("capacityKwp").toString())).isEqualByComparingTo("300");
        assertThat(new BigDecimal(st.get("latitude").toString())).isEqualByComparingTo("37.95");
        assertThat(new BigDecimal(st.get("longitude").toString())).isEqualByComparingTo("110.99");
        assertThat(st.get("tariffBatch")).isEqualTo("poverty-2017");
        assertThat(st.get("gridDate")).isEqualTo("2017-06-30");
        assertThat((List<Object>) st.get("gateways")).containsExactly((Object) Map.of("code", station + "-gw", "brokerUser",
                station + "-gw"));
        Map<?, ?> meter = (Map<?, ?>) ((List<?>) st.get("devices")).get(0);
        assertThat(meter.get("code")).isEqualTo("meter-01");
        assertThat(meter.get("serial")).isEqualTo("E-123");
        assertThat(meter.get("unit")).isEqualTo(200);
        assertThat(meter.get("registerMap")).isEqualTo("eastron-sdm630");
        assertThat(((Map<?, ?>) meter.get("link")).get("serialPort")).isEqualTo("/dev/ttyUSB0");
    }

    @Test
    void aScanIsPendingUntilAnOperatorConfirmsIt() {
        String base = "/api/registry/stations/" + station;
        Map<String, Object> report = Map.of("gateway", station + "-gw", "link", Map.of("host", "192.168.1.20",
                "port", 502), "found", List.of(
                Map.of("unit", 1, "kind", "inverter", "make", "SunSpecSim", "model", "SIM-50K", "serial", "SIM-0001",
                        "firmware", "1.2.0"),
                Map.of("unit", 2, "kind", "inverter", "registerMap", "huawei-sun2000", "model", "SUN2000-50KTL-M3",
                        "serial", "HW-42")));
        List<?> outcome = app.http().retrieve(HttpRequest.POST(base + "/scans", report)
                .basicAuth(SharedApps.INSTALLER, DistributionApp.DEMO_PASSWORD), LIST);
        assertThat(outcome).extracting(o -> ((Map<?, ?>) o).get("device"), o -> ((Map<?, ?>) o).get("outcome"))
                .containsExactly(tuple("inv-01", "NEW"), tuple("inv-02", "NEW"));
        assertThat(activeCodes()).containsExactly("meter-01");

        Map<?, ?> confirmed = app.http().retrieve(HttpRequest.POST(base + "/devices/inv-01/confirm",
                Map.of("capacityKwp", "50", "reason", "checked on site")).bearerAuth(app.token("operator")), Map.class);
        assertThat(confirmed.get("state")).isEqualTo("ACTIVE");
        assertThat(confirmed.get("confirmedBy")).isEqualTo("operator");
        assertThat(activeCodes()).containsExactly("inv-01", "meter-01");

        // the same scan again: inv-01 is known (a new serial there is flagged), inv-02 refreshed, nothing duplicated
        Map<String, Object> again = Map.of("gateway", station + "-gw", "link", Map.of("host", "192.168.1.20",
                "port", 502), "found", List.of(Map.of("unit", 1, "kind", "inverter", "serial", "SIM-9999"),
                Map.of("unit", 2, "kind", "inverter", "registerMap", "huawei-sun2000", "serial", "HW-42")));
        List<?> second = app.http().retrieve(HttpRequest.POST(base + "/scans", again)
                .basicAuth(SharedApps.INSTALLER, DistributionApp.DEMO_PASSWORD), LIST);
        assertThat(second).extracting(o -> ((Map<?, ?>) o).get("device"), o -> ((Map<?, ?>) o).get("outcome"),
                o -> ((Map<?, ?>) o).get("serialDiffers"))
                .containsExactly(tuple("inv-01", "KNOWN", true), tuple("inv-02", "UPDATED", false));
        List<?> all = app.http().retrieve(HttpRequest.GET(base + "/devices").bearerAuth(app.token("operator")), LIST);
        assertThat(all).hasSize(3);
        List<AuditEvent> trail = app.bean(AuditRepository.class).findByEntityAndEntityKeyOrderById("device",
                station + "/inv-01");
        assertThat(trail).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::reason)
                .containsExactly(tuple("operator", "device.confirm", "checked on site"));
    }

    @Test
    void badReportsAreRefusedWithTheField() {
        String base = "/api/registry/stations/" + station;
        DistributionApp.Refusal both = app.refusal("operator", HttpRequest.POST(base + "/scans", Map.of("link",
                Map.of("host", "10.0.0.1", "serialPort", "/dev/ttyUSB0"), "found", List.of(Map.of("unit", 1,
                        "kind", "inverter")))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.error().code()).isEqualTo("bad_link");
        DistributionApp.Refusal unit = app.refusal("operator", HttpRequest.POST(base + "/scans", Map.of("link",
                Map.of("host", "10.0.0.1"), "found", List.of(Map.of("unit", 1, "kind", "inverter"),
                        Map.of("unit", 300, "kind", "inverter")))));
        assertThat(unit.error().code()).isEqualTo("bad_unit");
        assertThat(unit.error().field()).isEqualTo("found[1].unit");
        DistributionApp.Refusal kind = app.refusal("operator", HttpRequest.POST(base + "/scans", Map.of("link",
                Map.of("host", "10.0.0.1"), "found", List.of(Map.of("unit", 1, "kind", "battery")))));
        assertThat(kind.error().field()).isEqualTo("found[0].kind");
        DistributionApp.Refusal place = app.refusal("admin", HttpRequest.PUT(base + "/site", Map.of("latitude", 95,
                "longitude", 110, "reason", "typo")));
        assertThat(place.error().code()).isEqualTo("bad_latitude");
        // nothing of the refused reports was stored
        assertThat(app.http().retrieve(HttpRequest.GET(base + "/devices").bearerAuth(app.token("operator")), LIST)).noneMatch(d ->
                "10.0.0.1".equals(((Map<?, ?>) d).get("linkHost")));
    }

    @Test
    void anAdminRegistersAStationWithItsSite() {
        String code = TestData.uniqueNo("new").toLowerCase();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "新村级电站", "kind", "VILLAGE",
                "capacityKwp", "280.5", "gridDate", "2018-05-20", "tariffBatch", "poverty-2018", "resourceZone", "III",
                "latitude", "37.5", "longitude", "111.1", "reason", "county register 2018"));
        Map<?, ?> created = app.http().retrieve(HttpRequest.POST("/api/registry/stations", body)
                .bearerAuth(app.token("admin")), Map.class);
        assertThat(created.get("code")).isEqualTo(code);
        assertThat(new BigDecimal(created.get("latitude").toString())).isEqualByComparingTo("37.5");
        Station stored = app.bean(Registry.class).station(code).orElseThrow();
        assertThat(stored.capacityKwp()).isEqualByComparingTo("280.5");
        assertThat(stored.povertySharePercent()).isEqualByComparingTo("100");
        DistributionApp.Refusal again = app.refusal("admin", HttpRequest.POST("/api/registry/stations", body));
        assertThat(again.status()).isEqualTo(409);
        body.put("code", code + "-b");
        body.put("resourceZone", "V");
        DistributionApp.Refusal zone = app.refusal("admin", HttpRequest.POST("/api/registry/stations", body));
        assertThat(zone.error().field()).isEqualTo("resourceZone");
        assertThat(app.bean(Registry.class).station(code + "-b")).isEmpty();
    }

    @Test
    void serviceRolesReachOnlyTheirRoutes() {
        assertThat(basic(SharedApps.COLLECTOR, HttpRequest.GET("/api/stations"))).isEqualTo(403);
        assertThat(basic(SharedApps.COLLECTOR, HttpRequest.GET("/api/villages/lin-yaotou/households"))).isEqualTo(403);
        assertThat(basic(SharedApps.COLLECTOR, HttpRequest.POST("/api/registry/stations/" + station + "/scans",
                Map.of()))).isEqualTo(403);
        assertThat(basic(SharedApps.INSTALLER, HttpRequest.POST("/api/registry/stations/" + station
                + "/devices/inv-02/confirm", Map.of("reason", "self-confirm")))).isEqualTo(403);
        assertThat(basic(SharedApps.COLLECTOR, HttpRequest.GET("/api/registry"), "wrong-secret-123")).isEqualTo(401);
    }

    private List<String> activeCodes() {
        return ((List<?>) app.get("operator", "/api/registry/stations/" + station, Map.class).get("devices")).stream()
                .map(d -> (String) ((Map<?, ?>) d).get("code")).toList();
    }

    private void as(String user, io.micronaut.http.MutableHttpRequest<?> request) {
        app.http().exchange(request.bearerAuth(app.token(user)), String.class);
    }

    private int basic(String user, io.micronaut.http.MutableHttpRequest<?> request) {
        return basic(user, request, DistributionApp.DEMO_PASSWORD);
    }

    private int basic(String user, io.micronaut.http.MutableHttpRequest<?> request, String secret) {
        try {
            return app.http().exchange(request.basicAuth(user, secret), String.class).getStatus().getCode();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
