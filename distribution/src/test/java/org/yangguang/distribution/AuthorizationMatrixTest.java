package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.post.NewPost;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.post.WelfarePost;

import java.time.LocalDate;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.Policy;
import org.yangguang.distribution.allocation.PolicyService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.project.NewProject;
import org.yangguang.distribution.project.Project;
import org.yangguang.distribution.project.ProjectService;
import org.yangguang.distribution.workflow.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API endpoint × every role × someone else's village, over HTTP with real tokens (issue 12). The demo
 * accounts: county-wide admin, operator, finance, auditor, county (approver); township-baiwen (白文镇, which
 * holds 曜头村); vc-yaotou (曜头村) and vc-fanjiagou (樊家沟村, "someone else's village" for vc-yaotou's
 * data). A route missing from the matrix fails the test, so a new endpoint cannot go unchecked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    static final List<String> USERS = List.of("admin", "operator", "finance", "auditor", "county", "township-baiwen",
            "vc-yaotou", "vc-fanjiagou", SharedApps.COLLECTOR, SharedApps.INSTALLER);
    /** Programs' accounts: refused everywhere a case does not name them (access.ServiceRoleRule). */
    static final Set<String> SERVICES = Set.of(SharedApps.COLLECTOR, SharedApps.INSTALLER);

    DistributionApp app;
    TestData data;
    HouseholdView yaotouHousehold;
    WelfarePost yaotouPost;

    /** One endpoint: a request factory (fresh data per call) and the expected status per user. */
    record Case(String method, String template, Supplier<MutableHttpRequest<?>> request, Map<String, Integer> expect) {
    }

    final List<Case> cases = new ArrayList<>();

    @BeforeAll
    void start() {
        app = SharedApps.app(SharedApps.Db.H2);
        data = new TestData(app);
        yaotouHousehold = data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL,
                LabourCapacity.FULL);
        yaotouPost = app.bean(PostService.class).create(data.committee("lin-yaotou"), "lin-yaotou",
                new NewPost(PostType.CLEANER, yaotouHousehold.members().get(0).id(), 60_000L, LocalDate.of(2020, 1, 1),
                        LocalDate.of(2030, 12, 31), "matrix"));
        String hh = yaotouHousehold.registrationNo();
        PolicyService policyService = app.bean(PolicyService.class);
        Policy base = policyService.bundled("/policies/lin-2026.json");
        for (int year = 2027; year <= 2029; year++) {
            policyService.store(data.county(Role.ADMIN), new Policy(base.county(), year, 1, base.source(),
                    base.categories(), base.groupMinimums(), base.forbidden(), base.flatPerHeadRule()), "matrix years");
        }
        // 曜头村's plan for 2026-01, under public notice; 樊家沟村 drafts 2026-01 in the matrix (and publishes it)
        PlanService plans = app.bean(PlanService.class);
        long yaotouPlan = plans.draft(data.committee("lin-yaotou"), "lin-yaotou", planRequest("2026-01")).id();
        plans.move(data.committee("lin-yaotou"), yaotouPlan, Transition.PUBLISH, "matrix");

        // reads
        add("GET", "/api/me", () -> HttpRequest.GET("/api/me"), all(200));
        add("GET", "/api/stations", () -> HttpRequest.GET("/api/stations"), all(200));
        add("GET", "/api/stations/{code}", () -> HttpRequest.GET("/api/stations/lin-baiwen-01"), all(200));
        add("GET", "/api/stations/{code}/shares", () -> HttpRequest.GET("/api/stations/lin-baiwen-01/shares"), all(200));
        add("GET", "/api/villages", () -> HttpRequest.GET("/api/villages"), all(200));
        add("GET", "/api/villages/{village}/stations", () -> HttpRequest.GET("/api/villages/lin-yaotou/stations"),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/catalogue", () -> HttpRequest.GET("/api/catalogue"), all(200));
        add("GET", "/api/stations/{stationId}/revenue",
                () -> HttpRequest.GET("/api/stations/lin-wangjiayu-01/revenue?from=2026-11-01&to=2026-11-02"),
                expect(200, "township-baiwen", 403, "vc-yaotou", 403, "vc-fanjiagou", 403));
        add("GET", "/api/villages/{village}/households", () -> HttpRequest.GET("/api/villages/lin-yaotou/households"),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/households/{registrationNo}", () -> HttpRequest.GET("/api/households/" + hh),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/villages/{village}/posts", () -> HttpRequest.GET("/api/villages/lin-yaotou/posts"),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/accounts", () -> HttpRequest.GET("/api/accounts"), only(200, "admin", "auditor"));
        add("GET", "/api/audit", () -> HttpRequest.GET("/api/audit?entity=household&key=" + hh),
                only(200, "admin", "auditor"));

        // changes: the village's committee and the admin only
        add("POST", "/api/villages/{village}/households", () -> HttpRequest.POST("/api/villages/lin-yaotou/households",
                Map.of("registrationNo", TestData.uniqueNo("M"), "bankName", "bank", "bankAccount", "622848001234567890",
                        "members", List.of(Map.of("name", "甲", "idNumber", TestData.idNumber(), "labourCapacity", "FULL")),
                        "reason", "matrix")), only(201, "admin", "vc-yaotou"));
        add("POST", "/api/households/{registrationNo}/status", () -> HttpRequest.POST("/api/households/"
                        + data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL).registrationNo()
                        + "/status", Map.of("status", "LIFTED_OUT", "effectiveFrom", "2020-01-01", "reason", "matrix")),
                only(200, "admin", "vc-yaotou"));
        // posts and attendance are the facts wages are made of: the village's committee records them, not the admin
        add("POST", "/api/villages/{village}/posts", () -> HttpRequest.POST("/api/villages/lin-yaotou/posts",
                Map.of("type", "CARER", "holderMemberId", data.household("lin-yaotou", HouseholdStatus.REGISTERED_POOR,
                                LabourCapacity.FULL).members().get(0).id(), "monthlyWageFen", 50_000,
                        "termStart", "2026-01-01", "termEnd", "2026-12-31", "reason", "matrix")),
                only(201, "vc-yaotou"));
        add("POST", "/api/posts/{id}/attendance", () -> HttpRequest.POST("/api/posts/" + yaotouPost.id() + "/attendance",
                Map.of("period", nextMonth(), "daysWorked", 20, "daysRequired", 22, "reason", "matrix")),
                only(201, "vc-yaotou"));
        // admin gets past authorization to validation (400): the set is over 100 %
        add("POST", "/api/stations/{code}/shares", () -> HttpRequest.POST("/api/stations/lin-baiwen-01/shares",
                Map.of("effectiveFrom", "2030-01-01", "reason", "matrix", "shares",
                        List.of(Map.of("village", "lin-yaotou", "percent", 101)))), only(400, "admin"));
        // money in is finance's: the admin, who holds no duty in the money workflow, cannot
        add("POST", "/api/settlements/import", () -> HttpRequest.POST("/api/settlements/import",
                org.yangguang.distribution.settlement.SettlementService.HEADER + "\nlin-baiwen-01," + TestData.uniqueNo("GS")
                        + ",2026-07-01,2026-07-31,100,33.20,4.32\n").contentType("text/csv").header("X-Reason", "matrix"),
                only(200, "finance"));
        add("POST", "/api/stations/{code}/receipts", () -> HttpRequest.POST("/api/stations/lin-baiwen-01/receipts",
                Map.of("kind", "SUBSIDY", "amountFen", 100, "receivedOn", "2025-01-01", "reference", TestData.uniqueNo("BK"),
                        "reason", "matrix")), only(201, "finance"));
        // finance gets past authorization to validation (400): the corrected set is over 100 %
        add("POST", "/api/stations/{code}/reallocations", () -> HttpRequest.POST(
                "/api/stations/lin-baiwen-01/reallocations", Map.of("effectiveFrom", "2025-01-01", "reason", "matrix",
                        "shares", List.of(Map.of("village", "lin-yaotou", "percent", 101)))), only(400, "finance"));
        add("GET", "/api/stations/{code}/settlement", () -> HttpRequest.GET("/api/stations/lin-baiwen-01/settlement"),
                only(200, "admin", "finance", "auditor", "county", "operator"));
        add("GET", "/api/stations/{code}/distributable",
                () -> HttpRequest.GET("/api/stations/lin-baiwen-01/distributable?from=2025-01-01&to=2025-01-31"),
                only(200, "admin", "finance", "auditor", "county"));
        add("POST", "/api/policies", () -> HttpRequest.POST("/api/policies", base).header("X-Reason", "matrix"),
                only(201, "admin"));
        add("GET", "/api/policies/{year}", () -> HttpRequest.GET("/api/policies/2026"), all(200));
        add("GET", "/api/villages/{village}/plans", () -> HttpRequest.GET("/api/villages/lin-yaotou/plans"),
                expect(200, "vc-fanjiagou", 403));
        // drafting is the village committee's, of its own village: not the admin's
        add("POST", "/api/villages/{village}/plans", () -> HttpRequest.POST("/api/villages/lin-fanjiagou/plans",
                Map.of("period", "2026-01", "categories", List.of(Map.of("code", "WELFARE_POSTS", "percent", 100)),
                        "lines", List.of(), "reason", "matrix")), only(201, "vc-fanjiagou"));
        add("GET", "/api/county/pool/plans", () -> HttpRequest.GET("/api/county/pool/plans"),
                only(200, "county", "finance", "auditor", "admin", "operator"));
        // the county office (a county approver) drafts the pool's plans
        add("POST", "/api/county/pool/plans", () -> HttpRequest.POST("/api/county/pool/plans",
                Map.of("period", "2026-01", "categories", List.of(Map.of("code", "PUBLIC_WORKS", "percent", 100)),
                        "lines", List.of(), "reason", "matrix")), only(201, "county"));
        add("GET", "/api/plans/{id}", () -> HttpRequest.GET("/api/plans/" + yaotouPlan), expect(200, "vc-fanjiagou", 403));
        // publishing is the village committee's move, not even the admin's (樊家沟村's draft, drafted above)
        add("POST", "/api/plans/{id}/transitions", () -> HttpRequest.POST("/api/plans/" + fanjiagouPlan()
                + "/transitions", Map.of("transition", "PUBLISH", "reason", "matrix")), only(200, "vc-fanjiagou"));
        add("POST", "/api/plans/{id}/objections", () -> HttpRequest.POST("/api/plans/" + yaotouPlan
                + "/objections", Map.of("text", "objection", "raisedBy", "村民")), only(201, "vc-yaotou"));
        add("POST", "/api/plans/{id}/objections/{objectionId}/resolve", () -> {
            long objection = plans.recordObjection(data.committee("lin-yaotou"), yaotouPlan, "x", "村民").id();
            return HttpRequest.POST("/api/plans/" + yaotouPlan + "/objections/" + objection + "/resolve",
                    Map.of("resolution", "explained"));
        }, only(200, "vc-yaotou"));
        // only the township signs a resolution off (白文镇 for 曜头村)
        add("POST", "/api/plans/{id}/objections/{objectionId}/sign-off", () -> {
            long objection = plans.recordObjection(data.committee("lin-yaotou"), yaotouPlan, "x", "村民").id();
            plans.proposeResolution(data.committee("lin-yaotou"), yaotouPlan, objection, "explained");
            return HttpRequest.POST("/api/plans/" + yaotouPlan + "/objections/" + objection + "/sign-off",
                    Map.of("accept", true, "note", "agreed"));
        }, only(200, "township-baiwen"));
        add("GET", "/api/villages/{village}/projects", () -> HttpRequest.GET("/api/villages/lin-yaotou/projects"),
                expect(200, "vc-fanjiagou", 403));
        add("POST", "/api/villages/{village}/projects", () -> HttpRequest.POST("/api/villages/lin-yaotou/projects",
                newProject()), only(201, "vc-yaotou"));
        add("GET", "/api/county/pool/projects", () -> HttpRequest.GET("/api/county/pool/projects"),
                only(200, "county", "finance", "auditor", "admin"));
        add("POST", "/api/county/pool/projects", () -> HttpRequest.POST("/api/county/pool/projects", newProject()),
                only(201, "county"));
        // acceptance (验收) of a village's project: its township
        add("POST", "/api/projects/{id}/acceptance", () -> HttpRequest.POST("/api/projects/" + app.bean(
                ProjectService.class).create(data.committee("lin-yaotou"), "lin-yaotou", new NewProject("村道硬化",
                        Project.PayeeKind.CONTRACTOR, "临县路桥公司", "临县农商行", "6228480098765432", 5_000_000L,
                        "matrix")).id()
                + "/acceptance", Map.of("acceptedOn", "2026-01-15", "reference", "YS-1", "reason", "matrix")),
                only(200, "township-baiwen"));
        add("GET", "/api/ledger", () -> HttpRequest.GET("/api/ledger?account=lin:cash"),
                only(200, "admin", "auditor", "finance"));
        add("GET", "/api/ledger/verify", () -> HttpRequest.GET("/api/ledger/verify"), only(200, "admin", "auditor", "finance"));
        add("GET", "/api/ledger/head", () -> HttpRequest.GET("/api/ledger/head"), all(200));
        add("GET", "/api/ledger/books/{county}", () -> HttpRequest.GET("/api/ledger/books/lin"),
                only(200, "admin", "auditor", "finance", "county"));
        add("GET", "/api/ledger/export", () -> HttpRequest.GET("/api/ledger/export"), only(200, "admin", "auditor", "finance"));
        add("POST", "/api/ledger/{seq}/reverse", () -> {
            var r = app.bean(org.yangguang.distribution.settlement.SettlementService.class).recordReceipt(
                    data.county(Role.FINANCE), "lin-baiwen-01", org.yangguang.distribution.settlement.ReceiptKind.SUBSIDY,
                    1L, LocalDate.of(2025, 2, 1), TestData.uniqueNo("RV"), "matrix");
            long seq = app.bean(org.yangguang.distribution.ledger.Ledger.class).account(data.county(Role.FINANCE),
                    "lin:cash").stream().filter(e -> e.reference().contains(r.reference())).findFirst()
                    .orElseThrow().seq();
            return HttpRequest.POST("/api/ledger/" + seq + "/reverse", Map.of("reason", "matrix"));
        }, only(201, "finance"));
        // payments: finance builds and pays; nothing is payable here, so finance gets past authorization to 409/404
        add("POST", "/api/payments/batches", () -> HttpRequest.POST("/api/payments/batches", Map.of("reason", "matrix")),
                only(409, "finance"));
        add("GET", "/api/payments/batches/{id}", () -> HttpRequest.GET("/api/payments/batches/999999"),
                only(404, "finance", "auditor", "admin", "county"));
        add("GET", "/api/payments/batches/{id}/bank-file.csv", () -> HttpRequest.GET("/api/payments/batches/999999/bank-file.csv"),
                only(404, "finance"));
        add("GET", "/api/payments/batches/{id}/bank-file.xlsx", () -> HttpRequest.GET("/api/payments/batches/999999/bank-file.xlsx"),
                only(404, "finance"));
        add("POST", "/api/payments/batches/{id}/results", () -> HttpRequest.POST("/api/payments/batches/999999/results",
                org.yangguang.distribution.payment.PaymentService.RESULTS_HEADER + "\n").contentType("text/csv")
                .header("X-Reason", "matrix"), only(404, "finance"));
        add("POST", "/api/payments/batches/{id}/reconcile", () -> HttpRequest.POST("/api/payments/batches/999999/reconcile",
                Map.of("accountDebitFen", 1, "statementRef", "x", "reason", "matrix")), only(404, "finance"));
        add("POST", "/api/households/{registrationNo}/qr", () -> HttpRequest.POST("/api/households/" + hh + "/qr",
                Map.of("reason", "matrix")), only(201, "admin", "vc-yaotou"));
        add("POST", "/api/households/{registrationNo}/qr/revoke", () -> HttpRequest.POST("/api/households/" + hh
                + "/qr/revoke", Map.of("reason", "matrix")), only(204, "admin", "vc-yaotou"));
        // the operator console (console package): county-wide operator, admin and auditor; the collector behind
        // it is unreachable in this test, so the allowed roles get past authorization to 503
        Map<String, Integer> console = only(503, "operator", "admin", "auditor");
        add("GET", "/api/live/stations", () -> HttpRequest.GET("/api/live/stations"), console);
        add("GET", "/api/live/stations/{station}/series", () -> HttpRequest.GET(
                "/api/live/stations/lin-baiwen-01/series?field=ac_power"), console);
        add("GET", "/api/live/stations/{station}/energy", () -> HttpRequest.GET(
                "/api/live/stations/lin-baiwen-01/energy"), console);
        add("GET", "/api/live/stations/{station}/inverters/ranking", () -> HttpRequest.GET(
                "/api/live/stations/lin-baiwen-01/inverters/ranking"), console);
        add("GET", "/api/live/ranking", () -> HttpRequest.GET("/api/live/ranking"), console);
        add("GET", "/api/live/stations/{station}/devices", () -> HttpRequest.GET(
                "/api/live/stations/lin-baiwen-01/devices"), console);
        add("GET", "/api/live/swaps", () -> HttpRequest.GET("/api/live/swaps"), console);
        add("GET", "/api/live/alarms", () -> HttpRequest.GET("/api/live/alarms"), console);
        add("POST", "/api/live/alarms/acknowledge", () -> HttpRequest.POST("/api/live/alarms/acknowledge",
                Map.of("key", "x", "reason", "matrix")), only(503, "operator", "admin"));
        // an event stream never ends: only the refusals are checked here (SKIP = not requested)
        add("GET", "/api/live/events", () -> HttpRequest.GET("/api/live/events"),
                only(SKIP, "operator", "admin", "auditor"));
        add("GET", "/api/plans/{id}/notice.pdf", () -> HttpRequest.GET("/api/plans/" + yaotouPlan + "/notice.pdf"),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/plans/{id}/export.xlsx", () -> HttpRequest.GET("/api/plans/" + yaotouPlan + "/export.xlsx"),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/payments/batches/{id}/export.xlsx", () -> HttpRequest.GET(
                "/api/payments/batches/999999/export.xlsx"), only(404, "finance", "auditor", "admin", "county"));
        add("POST", "/api/accounts", () -> HttpRequest.POST("/api/accounts", Map.of("username", TestData.uniqueNo("u")
                .toLowerCase(), "password", "long-enough-password", "role", "OPERATOR", "personName", "测试",
                "idNumber", TestData.idNumber(), "reason", "matrix")), only(201, "admin"));
        // issue 15, what faults cost (loss package): the book is empty here and the collector unreachable, so the
        // refresh gets past authorization to 503
        Map<String, Integer> countyReports = only(200, "admin", "operator", "finance", "auditor", "county");
        add("GET", "/api/losses", () -> HttpRequest.GET("/api/losses?from=2026-11-01&to=2026-11-30"), all(200));
        add("GET", "/api/losses/repair-queue", () -> HttpRequest.GET("/api/losses/repair-queue"),
                only(200, "admin", "operator", "auditor", "county"));
        add("POST", "/api/losses/refresh", () -> HttpRequest.POST("/api/losses/refresh", ""),
                only(503, "operator", "admin"));
        add("GET", "/api/villages/{village}/losses", () -> HttpRequest.GET("/api/villages/lin-yaotou/losses?month=2026-11"),
                expect(200, "vc-fanjiagou", 403));
        add("GET", "/api/reports/availability", () -> HttpRequest.GET("/api/reports/availability?month=2026-11"),
                countyReports);
        add("GET", "/api/reports/availability.pdf", () -> HttpRequest.GET("/api/reports/availability.pdf?month=2026-11"),
                countyReports);
        add("GET", "/api/reports/availability.xlsx", () -> HttpRequest.GET(
                "/api/reports/availability.xlsx?month=2026-11"), countyReports);

        // issue 14 (pages): the notice length the console shows, a household's sheet of QR cards
        add("GET", "/api/settings/notice", () -> HttpRequest.GET("/api/settings/notice"), all(200));
        add("POST", "/api/households/{registrationNo}/qr-sheet", () -> HttpRequest.POST("/api/households/" + hh
                + "/qr-sheet", Map.of("reason", "matrix")), only(200, "admin", "vc-yaotou"));
        add("POST", "/api/receipts/import", () -> HttpRequest.POST("/api/receipts/import",
                org.yangguang.distribution.settlement.ReceiptImport.HEADER + "\nlin-baiwen-01,BENCHMARK,10.00,2026-07-10,"
                        + TestData.uniqueNo("RI") + ",国网吕梁供电公司,,2026-07-01,2026-07-31\n").contentType("text/csv")
                        .header("X-Reason", "matrix"), only(200, "finance"));

        // the registry of record: programs read it (collector) and report to it (installer), people keep it
        add("GET", "/api/registry", () -> HttpRequest.GET("/api/registry"),
                only(200, "admin", "operator", "auditor", SharedApps.COLLECTOR));
        add("GET", "/api/registry/stations/{code}", () -> HttpRequest.GET("/api/registry/stations/lin-baiwen-01"),
                only(200, "admin", "operator", "auditor", SharedApps.COLLECTOR, SharedApps.INSTALLER));
        add("GET", "/api/registry/stations/{code}/devices", () -> HttpRequest.GET(
                "/api/registry/stations/lin-baiwen-01/devices"), only(200, "admin", "operator", "auditor"));
        add("POST", "/api/registry/stations/{code}/scans", () -> HttpRequest.POST(
                "/api/registry/stations/lin-baiwen-01/scans", Map.of("link", Map.of("host", nextHost()),
                        "found", List.of(Map.of("unit", 1, "kind", "inverter", "serial", "M-1")))),
                only(200, "admin", "operator", SharedApps.INSTALLER));
        add("POST", "/api/registry/stations/{code}/devices/{device}/confirm", () -> HttpRequest.POST(
                "/api/registry/stations/lin-baiwen-01/devices/" + pendingDevice() + "/confirm",
                Map.of("reason", "matrix")), only(200, "admin", "operator"));
        add("POST", "/api/registry/stations/{code}/devices/{device}/retire", () -> HttpRequest.POST(
                "/api/registry/stations/lin-baiwen-01/devices/" + pendingDevice() + "/retire",
                Map.of("reason", "matrix")), only(200, "admin", "operator"));
        add("POST", "/api/registry/stations/{code}/devices", () -> HttpRequest.POST(
                "/api/registry/stations/lin-baiwen-01/devices", Map.of("code", TestData.uniqueNo("m").toLowerCase(),
                        "kind", "meter", "unit", 1, "link", Map.of("host", nextHost()), "reason", "matrix")),
                only(201, "admin"));
        add("POST", "/api/registry/stations", () -> HttpRequest.POST("/api/registry/stations", Map.of("code",
                TestData.uniqueNo("st").toLowerCase(), "name", "矩阵电站", "kind", "VILLAGE", "capacityKwp", 300,
                "gridDate", "2017-06-30", "tariffBatch", "poverty-2017", "resourceZone", "III", "reason", "matrix")),
                only(201, "admin"));
        add("PUT", "/api/registry/stations/{code}/site", () -> HttpRequest.PUT(
                "/api/registry/stations/lin-baiwen-01/site", Map.of("latitude", 37.95, "longitude", 110.99,
                        "reason", "matrix")), only(200, "admin"));
        add("POST", "/api/registry/stations/{code}/gateways", () -> HttpRequest.POST(
                "/api/registry/stations/lin-baiwen-01/gateways", Map.of("code", TestData.uniqueNo("gw").toLowerCase(),
                        "reason", "matrix")), only(201, "admin"));
    }

    private final java.util.concurrent.atomic.AtomicInteger hosts = new java.util.concurrent.atomic.AtomicInteger();

    /** A link address no other case used: each scan in the matrix finds a new device. */
    private String nextHost() {
        return "10.16." + hosts.get() / 250 + "." + (1 + hosts.getAndIncrement() % 250);
    }

    /** A device a scan just reported, PENDING, at the demo's joint station. */
    private String pendingDevice() {
        var registry = app.bean(org.yangguang.distribution.registry.Registry.class);
        return app.bean(org.yangguang.distribution.registry.Devices.class).report("matrix",
                registry.station("lin-baiwen-01").orElseThrow(), new org.yangguang.distribution.registry.ScanReport(
                        null, new org.yangguang.distribution.registry.DeviceLink(nextHost(), 502, null, null, null,
                        null), List.of(new org.yangguang.distribution.registry.ScanReport.Found(3, "inverter", null,
                        null, null, null, null)))).get(0).device();
    }

    private int month = 0;

    private static PlanRequest planRequest(String period) {
        return new PlanRequest(period, List.of(new AllocationRequest.CategoryShare("WELFARE_POSTS",
                java.math.BigDecimal.valueOf(100))), List.of(), "matrix");
    }

    /** 樊家沟村's 2026-01 plan, drafted here if the matrix has not drafted it yet. */
    private long fanjiagouPlan() {
        PlanService plans = app.bean(PlanService.class);
        return plans.list(data.committee("lin-fanjiagou"), "lin-fanjiagou").stream()
                .filter(p -> p.period().equals("2026-01")).findFirst()
                .orElseGet(() -> plans.draft(data.committee("lin-fanjiagou"), "lin-fanjiagou", planRequest("2026-01")))
                .id();
    }

    private static Map<String, Object> newProject() {
        return Map.of("name", "村道硬化", "payeeKind", "CONTRACTOR", "payeeName", "临县路桥公司", "bankName", "临县农商行",
                "bankAccount", "6228480098765432", "budgetFen", 5_000_000, "reason", "matrix");
    }

    private String nextMonth() {
        return LocalDate.of(2021, 1, 1).plusMonths(month++).toString().substring(0, 7);
    }

    void add(String method, String template, Supplier<MutableHttpRequest<?>> request, Map<String, Integer> expect) {
        cases.add(new Case(method, template, request, expect));
    }

    static Map<String, Integer> all(int status) {
        return expect(status);
    }

    /** {@code status} for everyone except the listed (user, status) pairs. */
    static Map<String, Integer> expect(int status, Object... exceptions) {
        Map<String, Integer> m = new LinkedHashMap<>();
        USERS.forEach(u -> m.put(u, SERVICES.contains(u) && status != SKIP ? 403 : status));
        for (int i = 0; i < exceptions.length; i += 2) {
            m.put((String) exceptions[i], (Integer) exceptions[i + 1]);
        }
        return m;
    }

    static final int SKIP = -1;

    /** {@code status} for the listed users, 403 for everyone else. */
    static Map<String, Integer> only(int status, String... users) {
        Map<String, Integer> m = expect(403);
        for (String u : users) {
            m.put(u, status);
        }
        return m;
    }

    @Test
    void everyEndpointIsInTheMatrix() {
        Set<String> routes = app.bean(Router.class).uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api") && !"HEAD".equals(r.getHttpMethodName()))
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toString().replaceAll("\\{\\?.*}", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases.stream().map(c -> c.method() + " " + c.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).isEqualTo(routes);
    }

    @Test
    void everyRoleGetsExactlyWhatItMay() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            for (Map.Entry<String, Integer> e : c.expect().entrySet()) {
                if (e.getValue() == SKIP) {
                    continue;
                }
                int status = status(e.getKey(), c.request().get());
                if (status != e.getValue()) {
                    wrong.add(c.method() + " " + c.template() + " as " + e.getKey() + ": " + status + ", expected "
                            + e.getValue());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void nobodyWithoutCredentials() {
        for (Case c : cases) {
            assertThat(status(null, c.request().get())).as(c.method() + " " + c.template()).isEqualTo(401);
        }
        assertThat(status(null, HttpRequest.GET("/api/me").basicAuth("admin", "wrong-password"))).isEqualTo(401);
    }

    @Test
    void basicAuthWorksForTheDemo() {
        assertThat(status(null, HttpRequest.GET("/api/me").basicAuth("operator", DistributionApp.DEMO_PASSWORD)))
                .isEqualTo(200);
    }

    private int status(String user, MutableHttpRequest<?> request) {
        try {
            HttpRequest<?> r = user == null ? request : request.bearerAuth(app.token(user));
            return app.http().exchange(r, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
