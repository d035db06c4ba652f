package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentLineState;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.settlement.ImportReport;
import org.yangguang.distribution.settlement.ReceiptImport;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.Transition;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example file under docs/examples imports as the README there says, through the HTTP API a county's finance
 * office uses (H2, the demo registry): the settlement statements, the 专户 receipts (then split into the owners'
 * funds), and the bank's results of a real batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleFilesTest {
    static final Path EXAMPLES = Path.of("..", "docs", "examples");
    DistributionApp app;

    @BeforeAll
    void start() {
        app = SharedApps.app(SharedApps.Db.H2);
    }

    static String example(String name) throws Exception {
        return Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    private ImportReport post(String path, String csv) {
        return app.http().retrieve(HttpRequest.POST(path, csv).contentType(MediaType.of("text/csv"))
                .header("X-Reason", "example file").header("X-Filename", "example.csv")
                .bearerAuth(app.token("finance")), ImportReport.class);
    }

    static List<String> references(Map<?, ?> money) {
        return ((List<?>) money.get("receipts")).stream().map(x -> String.valueOf(((Map<?, ?>) x).get("reference")))
                .toList();
    }

    @Test
    void settlementThenReceipts() throws Exception {
        String settlement = example("settlement.csv");
        assertThat(settlement.lines().findFirst()).contains(SettlementService.HEADER);
        ImportReport statements = post("/api/settlements/import", settlement);
        assertThat(statements.created()).isEqualTo(settlement.lines().count() - 1);
        assertThat(statements.rejected()).isZero();

        String receipts = example("receipts.csv");
        assertThat(receipts.lines().findFirst()).contains(ReceiptImport.HEADER);
        Ledger ledger = app.bean(Ledger.class);
        long yaotouBefore = ledger.sum(Fund.village("lin", "lin-yaotou").balance());
        ImportReport r = post("/api/receipts/import", receipts);
        assertThat(r.created()).isEqualTo(receipts.lines().count() - 1);
        // the same file again changes nothing (a receipt is idempotent by its voucher)
        assertThat(post("/api/receipts/import", receipts).unchanged()).isEqualTo(receipts.lines().count() - 1);
        // 曜头村 holds 40 % of 白文联村电站: its balance grew by its part of both receipts of that station
        assertThat(-(ledger.sum(Fund.village("lin", "lin-yaotou").balance()) - yaotouBefore)).isPositive();
        Map<?, ?> money = app.get("finance", "/api/stations/lin-baiwen-01/settlement", Map.class);
        assertThat(references(money)).contains("BK-EX-20260812-01", "SUB-EX-20260820-01");
        assertThat(ledger.verifyAll().ok()).isTrue();
    }

    @Test
    void aFileWithABadLineImportsNothing() throws Exception {
        String receipts = example("receipts.csv");
        String bad = receipts.replace("BK-EX-20260812-02", "BK-EX-BAD-02").replace("lin-baiwen-01,SUBSIDY,18321.00",
                "lin-baiwen-01,SUBSIDY,18321.005") + "lin-nowhere-01,BENCHMARK,1.00,2026-08-12,BK-EX-BAD-03,x,,,\n";
        var refusal = app.refusal("finance", HttpRequest.POST("/api/receipts/import", bad)
                .contentType(MediaType.of("text/csv")).header("X-Reason", "bad file"));
        assertThat(refusal.status()).isEqualTo(422);
        assertThat(refusal.error().code()).isEqualTo("import_rejected");
        Map<?, ?> money = app.get("finance", "/api/stations/lin-wangjiayu-01/settlement", Map.class);
        assertThat(references(money)).doesNotContain("BK-EX-BAD-02");
    }

    @Test
    void bankResultsOfARealBatch() throws Exception {
        TestData data = new TestData(app);
        TestData.World w = data.world("exb");
        String village = w.village(0).code();
        HouseholdView h1 = data.household(village, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        HouseholdView h2 = data.household(village, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        app.bean(SettlementService.class).recordReceipt(w.finance(), w.villageStation().code(), ReceiptKind.BENCHMARK,
                1_000_000L, LocalDate.parse("2026-05-10"), "BK-EXB-1", "grid payment");
        PlanService plans = app.bean(PlanService.class);
        long plan = plans.draft(w.committee(0), village, new PlanRequest("2026-05", List.of(
                new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("100"))), List.of(
                new PlanRequest.Line("PUBLIC_WORKS", h1.registrationNo(), new BigDecimal("2"), null, LineBasis.LABOUR,
                        "2 days"),
                new PlanRequest.Line("PUBLIC_WORKS", h2.registrationNo(), BigDecimal.ONE, null, LineBasis.LABOUR,
                        "1 day")), "May")).id();
        plans.move(w.committee(0), plan, Transition.PUBLISH, "posted");
        ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
        plans.move(w.committee(0), plan, Transition.SUBMIT, "notice ended");
        plans.move(w.reviewer(), plan, Transition.TOWNSHIP_APPROVE, "ok");
        plans.move(w.approver(), plan, Transition.COUNTY_APPROVE, "ok");
        PaymentService payments = app.bean(PaymentService.class);
        BatchView batch = payments.build(w.finance(), "example batch");
        List<BatchView.Line> lines = batch.lines().stream().filter(l -> l.period().equals("2026-05")).toList();
        assertThat(lines).hasSize(2);

        // the example's line ids 1 and 2 are this batch's lines
        String results = example("bank-results.csv");
        assertThat(results.lines().findFirst()).contains(PaymentService.RESULTS_HEADER);
        String csv = results.replaceFirst("(?m)^1,", lines.get(0).id() + ",").replaceFirst("(?m)^2,",
                lines.get(1).id() + ",");
        ImportReport r = payments.importResults(w.finance(), batch.id(), csv, "bank return file");
        assertThat(r.created()).isEqualTo(2);
        BatchView after = payments.get(w.finance(), batch.id());
        assertThat(after.lines()).extracting(BatchView.Line::state)
                .containsExactly(PaymentLineState.PAID, PaymentLineState.FAILED);
    }
}
