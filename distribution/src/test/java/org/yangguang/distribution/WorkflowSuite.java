package org.yangguang.distribution;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentLineState;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.post.NewPost;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.post.WelfarePost;
import org.yangguang.distribution.settlement.ImportReport;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.ReceiptRequest;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.workflow.Objection;
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
 * A village plan from cash to payment through every step of the state machine, with each refusal, then the next
 * month starting from what the first left, on H2 and PostgreSQL. A world of its own: village a owns its village
 * station at 100 %; one household's two members each hold a post.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class WorkflowSuite {
    static final String MONTH = "2026-06";
    DistributionApp app;
    TestData data;
    TestData.World w;
    PlanService plans;
    String village;
    Actor vc;
    HouseholdView h1;
    HouseholdView h2;
    HouseholdView h3;
    HouseholdView h4;
    long planId;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        data = new TestData(app);
        w = data.world(db() == SharedApps.Db.H2 ? "wfh" : "wfp");
        plans = app.bean(PlanService.class);
        village = w.village(0).code();
        vc = w.committee(0);
        // h1: head and son, both able; the son has an account of his own
        h1 = data.household(village, HouseholdStatus.REGISTERED_POOR, List.of(
                new NewHousehold.NewMember("王秀英", TestData.idNumber(), "HEAD", LabourCapacity.FULL),
                new NewHousehold.NewMember("王强", TestData.idNumber(), "SON", LabourCapacity.FULL, "临县信用社",
                        "6217000099990000123")));
        h2 = data.household(village, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        h3 = data.household(village, HouseholdStatus.REGISTERED_POOR, LabourCapacity.NONE);
        h4 = data.household(village, HouseholdStatus.MONITORED, LabourCapacity.NONE);
        PostService posts = app.bean(PostService.class);
        LocalDate first = LocalDate.parse(MONTH + "-01");
        LocalDate last = first.plusMonths(2).minusDays(1);
        WelfarePost cleaner = posts.create(vc, village, new NewPost(PostType.CLEANER, h1.members().get(0).id(),
                60_000L, first, last, "cleaner"));
        WelfarePost road = posts.create(vc, village, new NewPost(PostType.ROAD_KEEPER, h1.members().get(1).id(),
                50_000L, first, last, "road keeper"));
        posts.create(vc, village, new NewPost(PostType.WATER_KEEPER, h2.members().get(0).id(), 50_000L, first, last,
                "water keeper"));
        posts.recordAttendance(vc, cleaner.id(), MONTH, 20, 22, "sign-in sheet");
        posts.recordAttendance(vc, road.id(), MONTH, 22, 22, "sign-in sheet");
        // 20,000.00 yuan received in the month: O&M 5 % -> 100,000; insurance 0.5 % -> 9,500; net 1,890,500
        app.bean(SettlementService.class).recordReceipt(w.finance(), w.villageStation().code(),
                ReceiptKind.BENCHMARK, 2_000_000L, first.plusDays(14), "BK-" + MONTH, "grid payment");
    }

    PlanRequest request(String reason) {
        return new PlanRequest(MONTH, List.of(new AllocationRequest.CategoryShare("WELFARE_POSTS", new BigDecimal("10")),
                new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("75")),
                new AllocationRequest.CategoryShare("REWARDS_SUBSIDIES", new BigDecimal("10")),
                new AllocationRequest.CategoryShare("COLLECTIVE_RETENTION", new BigDecimal("5"))),
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
    @Order(1)
    void fromCashToPayable() throws Exception {
        assertThat(code(() -> plans.draft(w.admin(), village, request("the admin drafts")))).isEqualTo("forbidden");
        PlanView draft = plans.draft(vc, village, request("monthly plan"));
        planId = draft.id();
        assertThat(draft.amountFen()).isEqualTo(1_890_500);
        assertThat(draft.openingFen()).isZero();
        assertThat(draft.newRevenueFen()).isEqualTo(1_890_500);
        assertThat(draft.categories()).extracting(c -> c.code() + ":" + c.budgetFen() + ":" + c.unspentFen())
                .containsExactly("WELFARE_POSTS:189050:84505", "PUBLIC_WORKS:1417875:0", "REWARDS_SUBSIDIES:189050:0",
                        "COLLECTIVE_RETENTION:94525:0");
        // wages for work done: 600.00 x 20/22 = 545.4545... -> 545.45 (the mother), 500.00 x 22/22 (her son);
        // works 5:3 of 14,178.75; support 945.25 each; the collective keeps 945.25
        assertThat(draft.lines()).extracting(PlanView.LineView::category, PlanView.LineView::kind,
                        PlanView.LineView::registrationNo, PlanView.LineView::payee, PlanView.LineView::amountFen)
                .containsExactly(tuple("WELFARE_POSTS", "WAGE", h1.registrationNo(), "王秀英", 54_545L),
                        tuple("WELFARE_POSTS", "WAGE", h1.registrationNo(), "王强", 50_000L),
                        tuple("PUBLIC_WORKS", "HOUSEHOLD", h1.registrationNo(), "王秀英", 886_172L),
                        tuple("PUBLIC_WORKS", "HOUSEHOLD", h2.registrationNo(), "成员0", 531_703L),
                        tuple("REWARDS_SUBSIDIES", "HOUSEHOLD", h3.registrationNo(), "成员0", 94_525L),
                        tuple("REWARDS_SUBSIDIES", "HOUSEHOLD", h4.registrationNo(), "成员0", 94_525L),
                        tuple("COLLECTIVE_RETENTION", "RETAINED", null, null, 94_525L));
        assertThat(draft.notes()).singleElement().asString().contains("WATER_KEEPER").contains("no attendance");

        TestClock clock = (TestClock) app.bean(Clock.class);
        assertThat(code(() -> plans.move(w.approver(), planId, Transition.COUNTY_APPROVE, "skip ahead")))
                .isEqualTo("invalid_transition");
        assertThat(code(() -> plans.move(w.reviewer(), planId, Transition.PUBLISH, "not mine"))).isEqualTo("forbidden");
        PlanView noticed = plans.move(vc, planId, Transition.PUBLISH, "posted on the village board");
        assertThat(noticed.state()).isEqualTo(PlanState.NOTICE);
        assertThat(LocalDate.parse(noticed.noticeEnd())).isEqualTo(LocalDate.parse(noticed.noticeStart()).plusDays(7));
        // a household objects through its QR page; the committee proposes, only the township can close it
        Objection objection = plans.fileObjection(app.bean(org.yangguang.distribution.household.HouseholdService.class)
                .household(h2.registrationNo()).id(), null, "my road work days are 4, not 3");
        assertThat(objection.channel()).isEqualTo("QR");
        assertThat(code(() -> plans.move(vc, planId, Transition.SUBMIT, "too early"))).isEqualTo("notice_running");
        clock.advance(Duration.ofDays(8));
        assertThat(code(() -> plans.move(vc, planId, Transition.SUBMIT, "objection open")))
                .isEqualTo("open_objections");
        resolve(objection.id(), "checked the work log: 3 days is right; explained to the household");
        assertThat(plans.move(vc, planId, Transition.SUBMIT, "notice ended").state())
                .isEqualTo(PlanState.TOWNSHIP_REVIEW);

        plans.move(w.reviewer(), planId, Transition.TOWNSHIP_APPROVE, "reviewed");
        // the county returns it; the village redrafts and goes round again
        assertThat(plans.move(w.approver(), planId, Transition.COUNTY_RETURN, "attach the work log").state())
                .isEqualTo(PlanState.DRAFT);
        plans.draft(vc, village, request("work log attached"));
        plans.move(vc, planId, Transition.PUBLISH, "posted again");
        clock.advance(Duration.ofDays(8));
        plans.move(vc, planId, Transition.SUBMIT, "notice ended");
        plans.move(w.reviewer(), planId, Transition.TOWNSHIP_APPROVE, "reviewed");

        // approvers at once: exactly one moves the plan (and posts it), the others are told it already moved
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Actor approver = new Actor("approver-" + i + "-" + w.code(), Role.COUNTY_APPROVER, w.county().id(), null,
                    null);
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return plans.move(approver, planId, Transition.COUNTY_APPROVE, "approved").state().name();
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
        PlanView payable = plans.get(w.approver(), planId);
        assertThat(payable.events()).extracting(e -> e.transition().name()).containsExactly("DRAFT", "PUBLISH",
                "SUBMIT", "TOWNSHIP_APPROVE", "COUNTY_RETURN", "DRAFT", "PUBLISH", "SUBMIT", "TOWNSHIP_APPROVE",
                "COUNTY_APPROVE");
        assertThat(code(() -> plans.draft(vc, village, request("change after approval")))).isEqualTo("plan_not_draft");

        // the approval moved the money: what the lines leave is the village's balance again (carried forward)
        Ledger ledger = app.bean(Ledger.class);
        Fund fund = Fund.village(w.code(), village);
        assertThat(-ledger.sum(fund.balance())).isEqualTo(84_505);
        assertThat(-ledger.sum(fund.payable())).isEqualTo(1_711_470);
        assertThat(-ledger.sum(fund.retained())).isEqualTo(94_525);

        // the public notice as a PDF in Chinese, with the ledger's head, and the plan as a spreadsheet
        org.yangguang.distribution.notice.NoticeService notices = app.bean(org.yangguang.distribution.notice.NoticeService.class);
        String text = new com.lowagie.text.pdf.parser.PdfTextExtractor(new com.lowagie.text.pdf.PdfReader(
                notices.noticePdf(vc, planId))).getTextFromPage(1);
        assertThat(text).contains(w.village(0).name() + " 光伏扶贫电站收益分配使用计划公示").contains("18905.00")
                .contains("545.45").contains("公益岗位").contains("账本链头").contains(ledger.head().hash())
                .doesNotContain("6228480012345678");
        // one language on the sheet villagers read: the state in Chinese, never the enum's name (issue 14)
        assertThat(text.replaceAll("\\s+", "")).contains("状态:已批准待支付")
                // the cleaner's wage line, by its post's id (other suites' posts may come first)
                .containsPattern("岗位\\d+出勤20/22天").doesNotContain("PAYABLE", "collective");
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(
                notices.planXlsx(w.approver(), planId)))) {
            assertThat(wb.getFirstSheet().read()).hasSize(8);
        }
    }

    void resolve(long objectionId, String resolution) {
        // the committee's resolution alone does not close it
        plans.proposeResolution(vc, planId, objectionId, resolution);
        assertThat(code(() -> plans.move(vc, planId, Transition.SUBMIT, "proposed only"))).isEqualTo("open_objections");
        // a reviewer of another township may not sign it off, nor the committee; the village's own township does
        assertThat(code(() -> plans.signOffObjection(data.township("lin-baiwen"), planId, objectionId, true, "ok")))
                .isEqualTo("forbidden");
        assertThat(code(() -> plans.signOffObjection(vc, planId, objectionId, true, "ok"))).isEqualTo("forbidden");
        plans.signOffObjection(w.reviewer(), planId, objectionId, true, "the township agrees with the committee");
    }

    @Test
    @Order(2)
    void paymentOfTheApprovedPlan() throws Exception {
        PaymentService payments = app.bean(PaymentService.class);
        Actor finance = w.finance();
        assertThat(code(() -> payments.build(w.admin(), "not finance"))).isEqualTo("forbidden");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> builds = new ArrayList<>();
        for (Actor f : List.of(w.finance(), w.finance2())) {
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
        // every transfer once: the two members' wages are two people's, not one household's twice (the son's into
        // his own account, in his name); the collective's retention is not a bank transfer
        assertThat(batch.lines()).extracting(BatchView.Line::amountFen, BatchView.Line::payeeName)
                .containsExactly(tuple(54_545L, "王秀英"), tuple(50_000L, "王强"), tuple(886_172L, "王秀英"),
                        tuple(531_703L, "成员0"), tuple(94_525L, "成员0"), tuple(94_525L, "成员0"));
        assertThat(batch.lines().get(1).bankAccountMasked()).endsWith("0123");
        assertThat(batch.totalFen()).isEqualTo(1_711_470);
        assertThat(batch.ledgerHead()).startsWith("#");
        assertThat(batch.lines()).allSatisfy(l -> assertThat(l.bankAccountMasked()).startsWith("****"));
        assertThat(code(() -> payments.build(finance, "again"))).isEqualTo("nothing_to_pay");

        String csv = payments.bankCsv(finance, batch.id());
        assertThat(csv.lines().count()).isEqualTo(7);
        assertThat(csv).contains(",8861.72,").contains("6217000099990000123");
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(
                payments.bankXlsx(finance, batch.id())))) {
            List<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(7);
            assertThat(rows.get(1).getCellAsNumber(4).orElseThrow()).isEqualByComparingTo("545.45");
        }

        // the bank pays five lines and fails the last (wrong account); a line result can't be changed afterwards
        List<BatchView.Line> ls = batch.lines();
        StringBuilder results = new StringBuilder(PaymentService.RESULTS_HEADER + "\n");
        for (int i = 0; i < 5; i++) {
            results.append(ls.get(i).id()).append(",PAID,BANK-").append(ls.get(i).id()).append(",\n");
        }
        results.append(ls.get(5).id()).append(",FAILED,,account closed\n").append("999999,PAID,X,\n");
        ImportReport r = payments.importResults(finance, batch.id(), results.toString(), "bank return file");
        assertThat(r.created()).isEqualTo(6);
        assertThat(r.errors()).extracting(ImportReport.LineError::line, ImportReport.LineError::code)
                .containsExactly(tuple(8, "unknown_line"));
        ImportReport flip = payments.importResults(finance, batch.id(), PaymentService.RESULTS_HEADER + "\n"
                + ls.get(0).id() + ",FAILED,,\n", "flip");
        assertThat(flip.errors()).extracting(ImportReport.LineError::code).containsExactly("result_conflict");
        assertThat(code(() -> payments.reconcile(finance, batch.id(), 1_711_470L, "ZH-STMT-1", "wrong total")))
                .isEqualTo("reconcile_mismatch");
        long paid = 1_711_470 - 94_525;
        assertThat(payments.reconcile(finance, batch.id(), paid, "ZH-STMT-1", "matches the account").state().name())
                .isEqualTo("RECONCILED");
        assertThat(plans.get(w.approver(), planId).state()).isEqualTo(PlanState.PAYABLE);

        // the failed line goes into the next batch, and only it
        BatchView retry = payments.build(finance, "retry failed line");
        assertThat(retry.lines()).extracting(BatchView.Line::planLineId).containsExactly(ls.get(5).planLineId());
        payments.importResults(finance, retry.id(), PaymentService.RESULTS_HEADER + "\n" + retry.lines().get(0).id()
                + ",PAID,BANK-R1,\n", "bank return file");
        payments.reconcile(finance, retry.id(), 94_525L, "ZH-STMT-2", "matches the account");
        assertThat(plans.get(w.approver(), planId).state()).isEqualTo(PlanState.RECONCILED);
        Ledger ledger = app.bean(Ledger.class);
        Fund fund = Fund.village(w.code(), village);
        assertThat(ledger.sum(fund.payable())).isZero();
        // the 专户: 20,000.00 in, 17,114.70 paid; what stays is the deductions, the balance and the retention
        assertThat(ledger.sum(Fund.cash(w.code()))).isEqualTo(2_000_000 - 1_711_470);
        assertThat(ledger.verifyAll().ok()).isTrue();
        assertThat(batch.lines().get(5).state()).isEqualTo(PaymentLineState.IN_BATCH);
    }

    @Test
    @Order(3)
    void theNextMonthStartsFromWhatThisOneLeftAndWhatArrivedLate() {
        // a late receipt for June arrives in July; July's plan starts from June's unspent 845.05 plus July's revenue
        SettlementService settlement = app.bean(SettlementService.class);
        settlement.recordReceipt(w.finance(), w.villageStation().code(), new ReceiptRequest(ReceiptKind.SUBSIDY,
                1_000_000L, LocalDate.parse("2026-07-10"), "SUB-" + MONTH, "subsidy for June, late", null,
                LocalDate.parse(MONTH + "-01"), LocalDate.parse(MONTH + "-30")));
        // net of 10,000.00: O&M 500.00, insurance 47.50 -> 9,452.50
        PlanView july = plans.draft(vc, village, new PlanRequest("2026-07", List.of(
                new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("100"))), List.of(
                new PlanRequest.Line("PUBLIC_WORKS", h2.registrationNo(), new BigDecimal("4"), null, LineBasis.LABOUR,
                        "4 days of canal work")), "July"));
        assertThat(july.openingFen()).isEqualTo(84_505);
        assertThat(july.newRevenueFen()).isEqualTo(945_250);
        assertThat(july.amountFen()).isEqualTo(84_505 + 945_250);
        // June cannot be planned again, and August not before July is approved
        assertThat(code(() -> plans.draft(vc, village, new PlanRequest("2026-08", List.of(), List.of(), "August"))))
                .isEqualTo("earlier_plan_open");
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
