package org.yangguang.distribution;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.LedgerEntry;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.settlement.ImportReport;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.post.NewPost;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.post.WelfarePost;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanState;
import org.yangguang.distribution.workflow.PlanView;
import org.yangguang.distribution.workflow.Transition;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A village plan from cash to PAYABLE through every step of the state machine, with each refusal, on H2 and
 * PostgreSQL. Village 王家峪村 (lin-wangjiayu, 兔坂镇) owns station lin-wangjiayu-01 at 100 %.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkflowSuite {
    DistributionApp app;
    TestData data;
    PlanService plans;
    Actor vc;
    Actor township;
    Actor county;
    HouseholdView h1;
    HouseholdView h2;
    HouseholdView h3;
    HouseholdView h4;

    abstract SharedApps.Db db();

    /** Each suite instance uses its own month so that H2 and PostgreSQL runs cannot collide in Influx or time. */
    abstract String month();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        data = new TestData(app);
        plans = app.bean(PlanService.class);
        vc = data.committee("lin-wangjiayu");
        township = data.township("lin-tuban");
        county = data.county(Role.COUNTY_APPROVER);
        h1 = data.household("lin-wangjiayu", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        h2 = data.household("lin-wangjiayu", HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        h3 = data.household("lin-wangjiayu", HouseholdStatus.REGISTERED_POOR, LabourCapacity.NONE);
        h4 = data.household("lin-wangjiayu", HouseholdStatus.MONITORED, LabourCapacity.NONE);
        PostService posts = app.bean(PostService.class);
        LocalDate first = LocalDate.parse(month() + "-01");
        WelfarePost cleaner = posts.create(vc, "lin-wangjiayu", new NewPost(PostType.CLEANER, h1.members().get(0).id(),
                60_000L, first, first.plusMonths(1).minusDays(1), "cleaner"));
        posts.create(vc, "lin-wangjiayu", new NewPost(PostType.ROAD_KEEPER, h2.members().get(0).id(), 50_000L, first,
                first.plusMonths(1).minusDays(1), "road keeper"));
        posts.recordAttendance(vc, cleaner.id(), month(), 20, 22, "sign-in sheet");
        // 20,000.00 yuan received in the month: O&M 5 % -> 100,000; insurance 0.5 % -> 9,500; net 1,890,500
        app.bean(SettlementService.class).recordReceipt(data.county(Role.FINANCE), "lin-wangjiayu-01",
                ReceiptKind.BENCHMARK, 2_000_000L, first.plusDays(14), "BK-" + month() + "-WJY", "grid payment");
    }

    PlanRequest request(String reason) {
        return new PlanRequest(month(), List.of(new AllocationRequest.CategoryShare("WELFARE_POSTS", new BigDecimal("50")),
                new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("30")),
                new AllocationRequest.CategoryShare("REWARDS_SUBSIDIES", new BigDecimal("10")),
                new AllocationRequest.CategoryShare("COLLECTIVE_RETENTION", new BigDecimal("10"))),
                List.of(new PlanRequest.Line("PUBLIC_WORKS", h1.registrationNo(), new BigDecimal("5"), null,
                                LineBasis.LABOUR, "5 days road work"),
                        new PlanRequest.Line("PUBLIC_WORKS", h2.registrationNo(), new BigDecimal("3"), null,
                                LineBasis.LABOUR, "3 days road work"),
                        new PlanRequest.Line("REWARDS_SUBSIDIES", h3.registrationNo(), BigDecimal.ONE, null,
                                LineBasis.REVIEWED_APPLICATION, "no-labour support, approved"),
                        new PlanRequest.Line("REWARDS_SUBSIDIES", h4.registrationNo(), BigDecimal.ONE, null,
                                LineBasis.REVIEWED_APPLICATION, "no-labour support, approved")),
                reason);
    }

    @Test
    void fromCashToPayable() throws Exception {
        PlanView draft = plans.draft(vc, "lin-wangjiayu", request("monthly plan"));
        assertThat(draft.amountFen()).isEqualTo(1_890_500);
        assertThat(draft.categories()).extracting(c -> c.code() + ":" + c.budgetFen() + ":" + c.unspentFen())
                .containsExactly("WELFARE_POSTS:945250:890705", "PUBLIC_WORKS:567150:0", "REWARDS_SUBSIDIES:189050:0",
                        "COLLECTIVE_RETENTION:189050:0");
        // wage for work done: 600.00 x 20/22 = 545.4545... -> 545.45; works 5:3 of 5,671.50; support 945.25 each
        assertThat(draft.lines()).extracting(PlanView.LineView::category, PlanView.LineView::registrationNo,
                        PlanView.LineView::amountFen)
                .containsExactly(tuple("WELFARE_POSTS", h1.registrationNo(), 54_545L),
                        tuple("PUBLIC_WORKS", h1.registrationNo(), 354_469L),
                        tuple("PUBLIC_WORKS", h2.registrationNo(), 212_681L),
                        tuple("REWARDS_SUBSIDIES", h3.registrationNo(), 94_525L),
                        tuple("REWARDS_SUBSIDIES", h4.registrationNo(), 94_525L),
                        tuple("COLLECTIVE_RETENTION", null, 189_050L));
        assertThat(draft.notes()).singleElement().asString().contains("ROAD_KEEPER").contains("no attendance");
        long id = draft.id();

        assertThat(code(() -> plans.move(county, id, Transition.COUNTY_APPROVE, "skip ahead")))
                .isEqualTo("invalid_transition");
        assertThat(code(() -> plans.move(township, id, Transition.PUBLISH, "not mine"))).isEqualTo("forbidden");
        PlanView noticed = plans.move(vc, id, Transition.PUBLISH, "posted on the village board");
        assertThat(noticed.state()).isEqualTo(PlanState.NOTICE);
        assertThat(LocalDate.parse(noticed.noticeEnd())).isEqualTo(LocalDate.parse(noticed.noticeStart()).plusDays(7));
        var objection = plans.object(vc, id, "my road work days are 6, not 5", "户主 " + h1.headName());
        assertThat(code(() -> plans.move(vc, id, Transition.SUBMIT, "too early"))).isEqualTo("notice_running");
        ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
        assertThat(code(() -> plans.move(vc, id, Transition.SUBMIT, "objection open"))).isEqualTo("open_objections");
        plans.resolve(vc, id, objection.id(), "checked the work log: 5 days is right; explained to the household");
        assertThat(plans.move(vc, id, Transition.SUBMIT, "notice ended").state()).isEqualTo(PlanState.TOWNSHIP_REVIEW);

        assertThat(code(() -> plans.move(data.township("lin-baiwen"), id, Transition.TOWNSHIP_APPROVE, "other township")))
                .isEqualTo("forbidden");
        plans.move(township, id, Transition.TOWNSHIP_APPROVE, "reviewed");
        // the county returns it; the village redrafts and goes round again
        assertThat(plans.move(county, id, Transition.COUNTY_RETURN, "attach the work log").state())
                .isEqualTo(PlanState.DRAFT);
        plans.draft(vc, "lin-wangjiayu", request("work log attached"));
        plans.move(vc, id, Transition.PUBLISH, "posted again");
        ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
        plans.move(vc, id, Transition.SUBMIT, "notice ended");
        plans.move(township, id, Transition.TOWNSHIP_APPROVE, "reviewed");

        // two approvers at once: exactly one moves the plan, the other is told it already moved
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Actor approver = new Actor("approver-" + i, Role.COUNTY_APPROVER, county.countyId(), null, null);
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return plans.move(approver, id, Transition.COUNTY_APPROVE, "approved").state().name();
                } catch (ApiException e) {
                    return e.code();
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn("PAYABLE"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("invalid_transition"::equals).hasSize(n - 1);
        PlanView payable = plans.get(county, id);
        assertThat(payable.events()).extracting(e -> e.transition().name()).containsExactly("PUBLISH", "SUBMIT",
                "TOWNSHIP_APPROVE", "COUNTY_RETURN", "PUBLISH", "SUBMIT", "TOWNSHIP_APPROVE", "COUNTY_APPROVE");
        assertThat(code(() -> plans.draft(vc, "lin-wangjiayu", request("change after approval"))))
                .isEqualTo("plan_not_draft");

        // the public notice as a PDF in Chinese, and the plan as a spreadsheet
        org.yangguang.distribution.notice.NoticeService notices = app.bean(org.yangguang.distribution.notice.NoticeService.class);
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(
                notices.noticePdf(vc, id))).getTextFromPage(1);
        assertThat(text).contains("王家峪村 光伏扶贫电站收益分配使用计划公示").contains("18905.00").contains("545.45")
                .contains("公益岗位").doesNotContain("6228480012345678");
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(
                notices.planXlsx(county, id)))) {
            assertThat(wb.getFirstSheet().read()).hasSize(7);
        }

        pay(id);
    }

    /** Payment of the approved plan: batch (raced by two finance users), bank files, results, reconciliation. */
    void pay(long planId) throws Exception {
        PaymentService payments = app.bean(PaymentService.class);
        Actor finance = data.county(Role.FINANCE);
        assertThat(code(() -> payments.build(data.county(Role.ADMIN), "not finance"))).isEqualTo("forbidden");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> builds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Actor f = new Actor("finance-" + i, Role.FINANCE, finance.countyId(), null, null);
            builds.add(pool.submit(() -> {
                go.await();
                try {
                    return payments.build(f, "monthly payment");
                } catch (ApiException e) {
                    return e.code();
                }
            }));
        }
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : builds) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn("nothing_to_pay"::equals).hasSize(1);
        BatchView batch = (BatchView) outcomes.stream().filter(o -> o instanceof BatchView).findFirst().orElseThrow();
        // every household line of the plan once; the collective's retention is not a bank transfer
        assertThat(batch.lines()).extracting(BatchView.Line::amountFen)
                .containsExactly(54_545L, 354_469L, 212_681L, 94_525L, 94_525L);
        assertThat(batch.totalFen()).isEqualTo(810_745);
        assertThat(batch.lines()).allSatisfy(l -> assertThat(l.bankAccountMasked()).startsWith("****"));
        assertThat(code(() -> payments.build(finance, "again"))).isEqualTo("nothing_to_pay");

        String csv = payments.bankCsv(finance, batch.id());
        assertThat(csv.lines().count()).isEqualTo(6);
        assertThat(csv).contains(",3544.69,").contains("6228480012345678");
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(
                payments.bankXlsx(finance, batch.id())))) {
            List<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(6);
            assertThat(rows.get(1).getCellAsNumber(4).orElseThrow()).isEqualByComparingTo("545.45");
        }

        // the bank pays four lines and fails the last (wrong account); a line result can't be changed afterwards
        List<BatchView.Line> ls = batch.lines();
        StringBuilder results = new StringBuilder(PaymentService.RESULTS_HEADER + "\n");
        for (int i = 0; i < 4; i++) {
            results.append(ls.get(i).id()).append(",PAID,BANK-").append(ls.get(i).id()).append(",\n");
        }
        results.append(ls.get(4).id()).append(",FAILED,,account closed\n").append("999999,PAID,X,\n");
        ImportReport r = payments.importResults(finance, batch.id(), results.toString(), "bank return file");
        assertThat(r.created()).isEqualTo(5);
        assertThat(r.errors()).extracting(ImportReport.LineError::line, ImportReport.LineError::code)
                .containsExactly(tuple(7, "unknown_line"));
        ImportReport flip = payments.importResults(finance, batch.id(), PaymentService.RESULTS_HEADER + "\n"
                + ls.get(0).id() + ",FAILED,,\n", "flip");
        assertThat(flip.errors()).extracting(ImportReport.LineError::code).containsExactly("result_conflict");
        assertThat(code(() -> payments.reconcile(finance, batch.id(), 810_745L, "ZH-STMT-1", "wrong total")))
                .isEqualTo("reconcile_mismatch");
        assertThat(payments.reconcile(finance, batch.id(), 716_220L, "ZH-STMT-1", "matches the account").state())
                .isEqualTo("RECONCILED");
        assertThat(plans.get(county, planId).state()).isEqualTo(PlanState.PAYABLE);

        // the failed line goes into the next batch, and only it
        BatchView retry = payments.build(finance, "retry failed line");
        assertThat(retry.lines()).extracting(BatchView.Line::planLineId).containsExactly(ls.get(4).planLineId());
        payments.importResults(finance, retry.id(), PaymentService.RESULTS_HEADER + "\n" + retry.lines().get(0).id()
                + ",PAID,BANK-R1,\n", "bank return file");
        payments.reconcile(finance, retry.id(), 94_525L, "ZH-STMT-2", "matches the account");
        assertThat(plans.get(county, planId).state()).isEqualTo(PlanState.RECONCILED);
        assertThat(app.bean(Ledger.class).account(finance, "village:lin-wangjiayu")).extracting(LedgerEntry::amountFen)
                .containsExactly(-54_545L, -354_469L, -212_681L, -94_525L, -94_525L);
        assertThat(app.bean(Ledger.class).verifyAll().ok()).isTrue();
    }

    static String code(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }
}
