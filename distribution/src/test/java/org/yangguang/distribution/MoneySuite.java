package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.AccountService;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.NewAccount;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.household.NewHousehold;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.LedgerEntry;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentLineState;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.post.NewPost;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.PostType;
import org.yangguang.distribution.post.WelfarePost;
import org.yangguang.distribution.project.NewProject;
import org.yangguang.distribution.project.Project;
import org.yangguang.distribution.project.ProjectService;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.settlement.Distributable;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.ReceiptRequest;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.transparency.TransparencyService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanState;
import org.yangguang.distribution.workflow.PlanView;
import org.yangguang.distribution.workflow.Transition;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each finding of issue 12's audit, reproduced through the services against a real database (H2 and PostgreSQL),
 * now refused or put right. Every test has a county of its own ({@link TestData#world}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MoneySuite {
    private static final AtomicInteger WORLDS = new AtomicInteger();
    DistributionApp app;
    TestData data;
    PlanService plans;
    SettlementService settlement;
    PaymentService payments;
    Ledger ledger;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        data = new TestData(app);
        plans = app.bean(PlanService.class);
        settlement = app.bean(SettlementService.class);
        payments = app.bean(PaymentService.class);
        ledger = app.bean(Ledger.class);
    }

    TestData.World world() {
        return data.world("m" + (db() == SharedApps.Db.H2 ? "h" : "p") + WORLDS.incrementAndGet());
    }

    static AllocationRequest.CategoryShare cat(String code, String percent) {
        return new AllocationRequest.CategoryShare(code, new BigDecimal(percent));
    }

    static HouseholdView.MemberView member(HouseholdView h, int i) {
        return h.members().get(i);
    }

    /** Through the village's whole chain: notice (its days pass), township, county. */
    void approve(TestData.World w, int village, long planId) {
        plans.move(w.committee(village), planId, Transition.PUBLISH, "posted");
        ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
        plans.move(w.committee(village), planId, Transition.SUBMIT, "notice ended");
        plans.move(w.reviewer(), planId, Transition.TOWNSHIP_APPROVE, "reviewed");
        plans.move(w.approver(), planId, Transition.COUNTY_APPROVE, "approved");
    }

    /** A village's plan for a month: all of it public works, one line for the household. */
    PlanView worksPlan(TestData.World w, int village, HouseholdView h, String month) {
        return plans.draft(w.committee(village), w.village(village).code(), new PlanRequest(month,
                List.of(cat("PUBLIC_WORKS", "100")), List.of(new PlanRequest.Line("PUBLIC_WORKS", h.registrationNo(),
                BigDecimal.ONE, null, LineBasis.LABOUR, "works")), "works of " + month));
    }

    void receipt(TestData.World w, String station, long fen, String on, String ref) {
        settlement.recordReceipt(w.finance(), station, ReceiptKind.BENCHMARK, fen, LocalDate.parse(on), ref, "cash");
    }

    /** Pays every line of a batch (results file) and returns it as it is after. */
    BatchView payAll(TestData.World w, BatchView b) {
        StringBuilder csv = new StringBuilder(PaymentService.RESULTS_HEADER + "\n");
        b.lines().forEach(l -> csv.append(l.id()).append(",PAID,B").append(l.id()).append(",\n"));
        payments.importResults(w.finance(), b.id(), csv.toString(), "bank results");
        return payments.get(w.finance(), b.id());
    }

    @Test
    void wagesComeOnlyFromPostsAndAttendanceAndEachPersonIsPaidTheirOwn() {
        TestData.World w = world();
        String v = w.village(0).code();
        Actor vc = w.committee(0);
        // one household, three members at work: the son has an account of his own, the daughter not
        HouseholdView family = data.household(v, HouseholdStatus.REGISTERED_POOR, List.of(
                new NewHousehold.NewMember("李桂兰", TestData.idNumber(), "HEAD", LabourCapacity.FULL),
                new NewHousehold.NewMember("李强", TestData.idNumber(), "SON", LabourCapacity.FULL, "临县信用社",
                        "6217000011112222333"),
                new NewHousehold.NewMember("李娜", TestData.idNumber(), "DAUGHTER", LabourCapacity.PARTIAL)));
        HouseholdView idle = data.household(v, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        PostService posts = app.bean(PostService.class);
        LocalDate first = LocalDate.of(2026, 3, 1);
        for (int i = 0; i < 3; i++) {
            WelfarePost p = posts.create(vc, v, new NewPost(PostType.values()[i], member(family, i).id(), 40_000L,
                    first, first.plusMonths(6), "post " + i));
            posts.recordAttendance(vc, p.id(), "2026-03", 20, 20, "sheet");
        }
        receipt(w, w.villageStation().code(), 1_000_000, "2026-03-10", "BK-W1");

        // audit: a committee typed a wage line for a household that holds no post and has no attendance
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-03", List.of(cat("WELFARE_POSTS", "100")),
                List.of(new PlanRequest.Line("WELFARE_POSTS", idle.registrationNo(), null, 60_000L, LineBasis.POST,
                        "typed")), "typed wage")))).isEqualTo("wage_line_typed");
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-03", List.of(cat("WELFARE_POSTS", "20"),
                cat("PUBLIC_WORKS", "80")), List.of(new PlanRequest.Line("PUBLIC_WORKS", idle.registrationNo(),
                BigDecimal.ONE, null, LineBasis.POST, "a post in disguise")), "typed")))).isEqualTo("wage_line_typed");

        // posts 15 %: three wages of 400.00 from attendance; works 85 % to the idle household's labour
        PlanView plan = plans.draft(vc, v, new PlanRequest("2026-03", List.of(cat("WELFARE_POSTS", "15"),
                cat("PUBLIC_WORKS", "85")), List.of(new PlanRequest.Line("PUBLIC_WORKS", idle.registrationNo(),
                new BigDecimal("6"), null, LineBasis.LABOUR, "6 days")), "March"));
        assertThat(plan.lines()).filteredOn(l -> l.kind().equals("WAGE")).extracting(PlanView.LineView::amountFen)
                .containsExactly(40_000L, 40_000L, 40_000L);
        approve(w, 0, plan.id());
        BatchView batch = payments.build(w.finance(), "March");
        // audit: two members of one household each holding a post collided on H:household:category:period and the
        // whole batch was refused. Now each is a person with a post: all three wages are paid, each in the right name
        assertThat(batch.skipped()).isEmpty();
        assertThat(batch.lines()).filteredOn(l -> l.category().equals("WELFARE_POSTS"))
                .extracting(BatchView.Line::payeeName, BatchView.Line::bankAccountMasked, BatchView.Line::purpose)
                .containsExactly(tuple("李桂兰", family.bankAccountMasked(), "光伏收益 WELFARE_POSTS 2026-03"),
                        tuple("李强", "***************2333", "光伏收益 WELFARE_POSTS 2026-03"),
                        // audit: the daughter's wage went to the head's account under the daughter's name
                        tuple("李桂兰", family.bankAccountMasked(), "光伏收益 WELFARE_POSTS 2026-03 成员 李娜"));
        BatchView paid = payAll(w, batch);
        assertThat(paid.lines()).allSatisfy(l -> assertThat(l.state()).isEqualTo(PaymentLineState.PAID));
    }

    @Test
    void projectMoneyGoesToAcceptedProjectsAndEveryHouseholdLineIsJudged() {
        TestData.World w = world();
        String v = w.village(0).code();
        Actor vc = w.committee(0);
        HouseholdView lifted = data.household(v, HouseholdStatus.LIFTED_OUT, LabourCapacity.NONE);
        HouseholdView poor = data.household(v, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        HouseholdView weak = data.household(v, HouseholdStatus.REGISTERED_POOR, LabourCapacity.NONE);
        receipt(w, w.villageStation().code(), 1_000_000, "2026-04-10", "BK-P1");
        ProjectService projects = app.bean(ProjectService.class);
        Project road = projects.project(projects.create(vc, v, new NewProject("村道修补", Project.PayeeKind.CONTRACTOR,
                "临县路桥公司", "临县农商行", "622848009988776655", 100_000L, "road repair")).id());
        // audit: small-project money written as lines paying households, a lifted-out one included
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-04", List.of(cat("PUBLIC_WORKS", "90"),
                cat("SMALL_PROJECTS", "10")), List.of(new PlanRequest.Line("SMALL_PROJECTS", lifted.registrationNo(),
                null, 50_000L, LineBasis.NONE, "cash for the road", null)), "project to a household"))))
                .isEqualTo("project_pays_household");
        // eligibility applies to every line that pays a household: rewards are for poor or monitored households
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-04", List.of(cat("PUBLIC_WORKS", "90"),
                cat("REWARDS_SUBSIDIES", "10")), List.of(new PlanRequest.Line("PUBLIC_WORKS", poor.registrationNo(),
                BigDecimal.ONE, null, LineBasis.LABOUR, "works"), new PlanRequest.Line("REWARDS_SUBSIDIES",
                lifted.registrationNo(), BigDecimal.ONE, null, LineBasis.REVIEWED_APPLICATION, "support")), "r"))))
                .isEqualTo("not_eligible");
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-04", List.of(cat("PUBLIC_WORKS", "100")),
                List.of(new PlanRequest.Line("PUBLIC_WORKS", weak.registrationNo(), BigDecimal.ONE, null,
                        LineBasis.LABOUR, "works")), "r")))).isEqualTo("not_eligible");
        // a project of another village, or beyond its budget, is refused
        Project elsewhere = projects.project(projects.create(w.committee(1), w.village(1).code(), new NewProject("井",
                Project.PayeeKind.COLLECTIVE, "村集体", "临县农商行", "622848001122334455", 100_000L, "well")).id());
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-04", List.of(cat("PUBLIC_WORKS", "90"),
                cat("SMALL_PROJECTS", "10")), List.of(new PlanRequest.Line("SMALL_PROJECTS", null, null, 50_000L,
                LineBasis.NONE, "well", elsewhere.id())), "r")))).isEqualTo("unknown_project");
        assertThat(code(() -> plans.draft(vc, v, new PlanRequest("2026-04", List.of(cat("PUBLIC_WORKS", "90"),
                cat("SMALL_PROJECTS", "10")), List.of(new PlanRequest.Line("SMALL_PROJECTS", null, null, 100_001L,
                LineBasis.NONE, "road", road.id())), "r")))).isEqualTo("project_budget_exceeded");

        // net 945,250: works 90 % = 850,725 to the poor household; the road 60,000 of its 94,525 budget
        PlanView plan = plans.draft(vc, v, new PlanRequest("2026-04", List.of(cat("PUBLIC_WORKS", "90"),
                cat("SMALL_PROJECTS", "10")), List.of(new PlanRequest.Line("PUBLIC_WORKS", poor.registrationNo(),
                BigDecimal.ONE, null, LineBasis.LABOUR, "works"), new PlanRequest.Line("SMALL_PROJECTS", null, null,
                60_000L, LineBasis.NONE, "road repair", road.id())), "April"));
        approve(w, 0, plan.id());
        BatchView first = payments.build(w.finance(), "April");
        assertThat(first.lines()).extracting(BatchView.Line::amountFen).containsExactly(850_725L);
        assertThat(first.skipped()).singleElement().asString().contains("not accepted yet");
        // the township accepts the finished road; the project's payee (never a household) is paid
        app.bean(ProjectService.class).accept(w.reviewer(), road.id(), LocalDate.of(2026, 4, 20), "YS-2026-04",
                "road inspected");
        BatchView second = payments.build(w.finance(), "the accepted project");
        assertThat(second.lines()).extracting(BatchView.Line::payeeName, BatchView.Line::amountFen)
                .containsExactly(tuple("临县路桥公司", 60_000L));
        assertThat(second.lines().get(0).bankAccountMasked()).endsWith("6655");
    }

    @Test
    void aConflictLeavesOutOnlyTheConflictingLineAndThePoolPaysCountyWide() {
        TestData.World w = world();
        HouseholdView needy = data.household(w.village(1).code(), HouseholdStatus.MONITORED, LabourCapacity.NONE);
        HouseholdView worker = data.household(w.village(2).code(), HouseholdStatus.LIFTED_OUT, LabourCapacity.FULL);
        HouseholdView worker2 = data.household(w.village(1).code(), HouseholdStatus.REGISTERED_POOR,
                LabourCapacity.FULL);
        HouseholdView worker3 = data.household(w.village(0).code(), HouseholdStatus.REGISTERED_POOR,
                LabourCapacity.FULL);
        receipt(w, w.joint().code(), 3_000_000, "2026-05-05", "BK-J1");
        receipt(w, w.central().code(), 10_000_000, "2026-05-06", "BK-C1");
        // village b supports the needy household in May...
        PlanView village = plans.draft(w.committee(1), w.village(1).code(), new PlanRequest("2026-05",
                List.of(cat("PUBLIC_WORKS", "80"), cat("REWARDS_SUBSIDIES", "20")), List.of(
                new PlanRequest.Line("PUBLIC_WORKS", worker2.registrationNo(), BigDecimal.ONE, null,
                        LineBasis.LABOUR, "works"),
                new PlanRequest.Line("REWARDS_SUBSIDIES", needy.registrationNo(), BigDecimal.ONE, null,
                        LineBasis.REVIEWED_APPLICATION, "support")), "May"));
        approve(w, 1, village.id());
        // ...and so does the county pool (Shanxi 2020: county-wide, non-poor villages' households included)
        assertThat(code(() -> plans.draftPool(w.committee(0), new PlanRequest("2026-05", List.of(), List.of(), "r"))))
                .isEqualTo("forbidden");
        PlanView pool = plans.draftPool(w.office(), new PlanRequest("2026-05", List.of(cat("PUBLIC_WORKS", "80"),
                cat("REWARDS_SUBSIDIES", "20")), List.of(
                new PlanRequest.Line("PUBLIC_WORKS", worker.registrationNo(), new BigDecimal("2"), null,
                        LineBasis.LABOUR, "county works"),
                new PlanRequest.Line("PUBLIC_WORKS", worker3.registrationNo(), BigDecimal.ONE, null,
                        LineBasis.LABOUR, "county works"),
                new PlanRequest.Line("REWARDS_SUBSIDIES", needy.registrationNo(), BigDecimal.ONE, null,
                        LineBasis.REVIEWED_APPLICATION, "pool support")), "pool May"));
        assertThat(pool.pool()).isTrue();
        // net 9,452,500: all of it the pool's (the station's poverty share is 100 %)
        assertThat(pool.amountFen()).isEqualTo(9_452_500);
        plans.move(w.office(), pool.id(), Transition.PUBLISH, "posted county-wide");
        ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
        assertThat(code(() -> plans.move(w.office(), pool.id(), Transition.SUBMIT, "village path")))
                .isEqualTo("invalid_transition");
        plans.move(w.office(), pool.id(), Transition.SUBMIT_TO_COUNTY, "notice ended");
        // duties: whoever drafted the plan cannot approve it
        assertThat(code(() -> plans.move(w.office(), pool.id(), Transition.COUNTY_APPROVE, "my own")))
                .isEqualTo("duty_conflict");
        plans.move(w.approver(), pool.id(), Transition.COUNTY_APPROVE, "approved");
        // duties: whoever approved a plan does not pay it (one person holds one account, so this guards an account
        // whose holder once approved: here the approver's name with a finance role)
        Actor approverAsFinance = new Actor(w.approver().username(), Role.FINANCE, w.county().id(), null, null);
        ApiException own = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> payments.build(approverAsFinance, "my own plans"));
        assertThat(own.code()).isEqualTo("nothing_to_pay");
        assertThat(own.getMessage()).contains("drafted or approved plan " + pool.id())
                .contains("drafted or approved plan " + village.id());

        BatchView batch = payments.build(w.finance(), "May");
        // the pool's support of the household the village already supports this month is left out, with the
        // reason; everything else is paid (the old rule refused the whole batch: paid_twice)
        assertThat(batch.skipped()).singleElement().asString().contains("H:")
                .contains(":REWARDS_SUBSIDIES:2026-05 is already in a batch or paid");
        assertThat(batch.lines()).extracting(BatchView.Line::category).containsExactly("PUBLIC_WORKS",
                "REWARDS_SUBSIDIES", "PUBLIC_WORKS", "PUBLIC_WORKS");
        payAll(w, batch);
        assertThat(ledger.sum(Fund.pool(w.code()).payable())).isNegative(); // the left-out line is still owed
        assertThat(ledger.verifyAll().ok()).isTrue();
    }

    @Test
    void sharesChangeOnlyFromAnUnusedPeriodAndAMonthWithAChangeIsSplitNotBlocked() {
        TestData.World w = world();
        Registry registry = app.bean(Registry.class);
        receipt(w, w.joint().code(), 1_000_000, "2026-06-20", "BK-S1");
        // audit: a share set back-dated under a month already split and planned handed out more than the cash
        PlanView june = plans.draft(w.committee(2), w.village(2).code(), new PlanRequest("2026-06",
                List.of(cat("PUBLIC_WORKS", "100")), List.of(), "June"));
        // net 945,250 in thirds: 315,084 / 315,083 / 315,083 (the spare fen to the lowest village id)
        assertThat(june.amountFen()).isEqualTo(315_083);
        assertThat(code(() -> registry.recordShares("admin", w.joint(), new ShareSetRequest(LocalDate.of(2026, 6, 1),
                List.of(new ShareInput(w.village(0).code(), new BigDecimal("60")), new ShareInput(w.village(1).code(),
                        new BigDecimal("40"))), "back-dated"), false))).isEqualTo("period_already_used");
        // a change inside July, a month not yet used: July's receipt is split by days (no telemetry here),
        // thirds for 10 days, then a and b half each for 21
        registry.recordShares("admin", w.joint(), new ShareSetRequest(LocalDate.of(2026, 7, 11), List.of(
                new ShareInput(w.village(0).code(), null, 1L), new ShareInput(w.village(1).code(), null, 1L)), 2L,
                "c sold its share"), false);
        settlement.recordReceipt(w.finance(), w.joint().code(), new ReceiptRequest(ReceiptKind.BENCHMARK, 1_000_000L,
                LocalDate.of(2026, 8, 5), "BK-S2", "July's energy", null, LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 7, 31)));
        Distributable d = settlement.distributable(w.finance(), w.joint().code(), LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 8, 31));
        // net 945,250: 10 of 31 days = 304,919.35 -> 304,919; 21 days 640,331; thirds 101,640 / 101,640 / 101,639;
        // halves 320,166 / 320,165 (ties to the lower village id)
        assertThat(d.villages()).extracting(v -> v.village(), v -> v.revenueFen())
                .containsExactly(tuple(w.village(0).code(), 421_806L), tuple(w.village(1).code(), 421_805L),
                        tuple(w.village(2).code(), 101_639L));
        assertThat(d.undistributedFen()).isZero();
        assertThat(ledger.verifyAll().ok()).isTrue();
    }

    @Test
    void correctingAPaidPeriodIsAnAuditedReallocationWithReversingEntries() {
        TestData.World w = world();
        receipt(w, w.joint().code(), 900_000, "2026-06-10", "BK-R1");
        Fund c = Fund.village(w.code(), w.village(2).code());
        Fund a = Fund.village(w.code(), w.village(0).code());
        // net 850,725 in thirds: 283,575 each; village c plans and commits all of its June money
        HouseholdView h = data.household(w.village(2).code(), HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        PlanView plan = worksPlan(w, 2, h, "2026-06");
        approve(w, 2, plan.id());
        assertThat(-ledger.sum(c.balance())).isZero();
        // the county finds village c never held a share from June: a, b half each. Not a plain share set...
        assertThat(code(() -> app.bean(Registry.class).recordShares("admin", w.joint(), new ShareSetRequest(
                LocalDate.of(2026, 6, 1), List.of(new ShareInput(w.village(0).code(), null, 1L),
                new ShareInput(w.village(1).code(), null, 1L)), 2L, "r"), false))).isEqualTo("period_already_used");
        // ...but a reallocation: the split reversed and made again, the difference moved, audited
        SettlementService.Reallocation r = settlement.reallocate(w.finance(), w.joint().code(), new ShareSetRequest(
                LocalDate.of(2026, 6, 1), List.of(new ShareInput(w.village(0).code(), null, 1L),
                new ShareInput(w.village(1).code(), null, 1L)), 2L, "county decision 2026-17: c held no share"));
        assertThat(r.receipts()).containsExactly("BK-R1");
        assertThat(r.changeFen()).containsEntry(c.prefix(), -283_575L).containsEntry(a.prefix(), 141_788L);
        // c had spent it: its balance stays at zero and it owes the 2,835.75 back, repaid from its next revenue
        assertThat(-ledger.sum(c.balance())).isZero();
        assertThat(ledger.sum(c.recoverable())).isEqualTo(283_575);
        assertThat(ledger.account(w.finance(), c.balance())).extracting(LedgerEntry::kind)
                .contains("REVERSAL", "RECOVERY");
        assertThat(ledger.verifyAll().ok()).isTrue();
    }

    @Test
    void amountsAreBoundedAndSumsNeverWrap() {
        TestData.World w = world();
        // audit: receipts of 2^63-1, 2^63-1 and 1002 fen gave a distributable of 1000 fen
        ApiException tooLarge = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () ->
                receipt(w, w.villageStation().code(), Long.MAX_VALUE, "2026-01-05", "BK-MAX"));
        assertThat(tooLarge.code()).isEqualTo("amount_too_large");
        assertThat(tooLarge.field()).isEqualTo("amountFen");
        receipt(w, w.villageStation().code(), Fen.MAX_INPUT, "2026-01-05", "BK-BIG1");
        receipt(w, w.villageStation().code(), Fen.MAX_INPUT, "2026-01-06", "BK-BIG2");
        receipt(w, w.villageStation().code(), 1002, "2026-01-07", "BK-SMALL");
        Distributable d = settlement.distributable(w.finance(), w.villageStation().code(), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 31));
        assertThat(d.cashFen()).isEqualTo(2 * Fen.MAX_INPUT + 1002);
        assertThat(ledger.sum(Fund.cash(w.code()))).isEqualTo(2 * Fen.MAX_INPUT + 1002);
    }

    @Test
    void subsidyIsSplitByTheSharesOfItsEnergysDaysNotTodays() {
        TestData.World w = world();
        Registry registry = app.bean(Registry.class);
        // from 2026-09 village a holds the whole joint station
        registry.recordShares("admin", w.joint(), new ShareSetRequest(LocalDate.of(2026, 9, 1), List.of(
                new ShareInput(w.village(0).code(), new BigDecimal("100"))), "a bought the others out"), false);
        // a subsidy for last year's energy arrives in October: split by last year's thirds
        settlement.recordReceipt(w.finance(), w.joint().code(), new ReceiptRequest(ReceiptKind.SUBSIDY, 300_000L,
                LocalDate.of(2026, 10, 8), "SUB-2025", "subsidy for 2025", null, LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31)));
        Distributable d = settlement.distributable(w.finance(), w.joint().code(), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31));
        // 300,000: O&M 15,000, insurance 1,425, net 283,575 in thirds
        assertThat(d.villages()).extracting(v -> v.revenueFen()).containsExactly(94_525L, 94_525L, 94_525L);
    }

    @Test
    void aReversedPaymentIsNoLongerPaidAndCanBePaidAgain() {
        TestData.World w = world();
        String v = w.village(0).code();
        HouseholdView h = data.household(v, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        receipt(w, w.villageStation().code(), 200_000, "2026-02-10", "BK-V1");
        PlanView plan = worksPlan(w, 0, h, "2026-02");
        approve(w, 0, plan.id());
        BatchView paid = payAll(w, payments.build(w.finance(), "February"));
        LedgerEntry payment = ledger.account(w.finance(), Fund.cash(w.code())).stream()
                .filter(e -> e.kind().equals(PaymentService.PAYMENT)).findFirst().orElseThrow();
        long cash = ledger.sum(Fund.cash(w.code()));
        // audit: a ledger reversal left the payment line PAID
        ledger.reverse(w.finance(), payment.seq(), "the bank reports this transfer never left");
        assertThat(payments.get(w.finance(), paid.id()).lines().get(0).state()).isEqualTo(PaymentLineState.REVERSED);
        assertThat(plans.get(w.approver(), plan.id()).lines().get(0).paymentState()).isEqualTo("PENDING");
        assertThat(ledger.sum(Fund.cash(w.code()))).isEqualTo(cash - payment.amountFen());
        BatchView again = payments.build(w.finance(), "pay it again");
        assertThat(again.lines()).extracting(BatchView.Line::amountFen).containsExactly(paid.lines().get(0).amountFen());
        assertThat(ledger.verifyAll().ok()).isTrue();
    }

    @Test
    void namesAreMaskedByCodePointAndRefusalsNameNoOtherVillage() {
        TestData.World w = world();
        // audit: a head named 𠮷玉兰 (outside the BMP) was shown as \\ud842*** on the household's page
        HouseholdView h = data.household(w.village(0).code(), HouseholdStatus.REGISTERED_POOR, List.of(
                new NewHousehold.NewMember("𠮷玉兰", TestData.idNumber(), "HEAD", LabourCapacity.FULL)));
        String url = app.bean(TransparencyService.class).issue(w.committee(0), h.registrationNo(), "card", "http://x")
                .url();
        String page = app.http().retrieve(HttpRequest.GET(url.substring(url.indexOf("/h/"))), String.class);
        assertThat(page).contains("户主 𠮷**").doesNotContain("\ud842*").doesNotContain("?*");
        // audit: a 403 named the village that owns what was asked for
        ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () ->
                app.bean(HouseholdService.class).get(w.committee(1), h.registrationNo()));
        assertThat(e.code()).isEqualTo("forbidden");
        assertThat(e.getMessage()).doesNotContain(w.village(0).code()).doesNotContain(w.village(0).name());
    }

    @Test
    void aHouseholdObjectsThroughItsQrPageAndOnlyTheTownshipClosesIt() {
        TestData.World w = world();
        String v = w.village(0).code();
        HouseholdView h = data.household(v, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
        receipt(w, w.villageStation().code(), 500_000, "2026-09-03", "BK-O1");
        PlanView plan = worksPlan(w, 0, h, "2026-09");
        String url = app.bean(TransparencyService.class).issue(w.committee(0), h.registrationNo(), "card", "http://x")
                .url();
        String path = url.substring(url.indexOf("/h/"));
        // audit: objections were recorded and resolved only by the committee whose plan they object to
        assertThat(post(path + "/objections", "text=too+early")).isEqualTo(409); // nothing posted yet
        plans.move(w.committee(0), plan.id(), Transition.PUBLISH, "posted");
        // the household files it from its page (the link is its login; the answer, 303 followed, is the page again);
        // a forged link files nothing
        assertThat(post(path + "/objections", "text=" + java.net.URLEncoder.encode("我家做了5天，不是3天",
                java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(200);
        assertThat(post(path.substring(0, path.length() - 2) + "xx/objections", "text=forged")).isEqualTo(404);
        assertThat(app.http().retrieve(HttpRequest.GET(path), String.class)).contains("我家做了5天，不是3天");
        // a few a day, not a flood (yangguang.objections.per-household-per-day, 3)
        assertThat(post(path + "/objections", "text=two")).isEqualTo(200);
        assertThat(post(path + "/objections", "text=three")).isEqualTo(200);
        assertThat(post(path + "/objections", "text=four")).isEqualTo(429);
        List<org.yangguang.distribution.workflow.Objection> filed = plans.get(w.committee(0), plan.id()).objections();
        assertThat(filed).hasSize(3).allSatisfy(o -> assertThat(o.channel()).isEqualTo("QR"));
        ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
        for (var o : filed) {
            plans.proposeResolution(w.committee(0), plan.id(), o.id(), "checked the work log with the household");
        }
        // the committee's word alone does not close them; the township's sign-off does
        assertThat(code(() -> plans.move(w.committee(0), plan.id(), Transition.SUBMIT, "proposed")))
                .isEqualTo("open_objections");
        assertThat(code(() -> plans.signOffObjection(w.committee(0), plan.id(), filed.get(0).id(), true, "mine")))
                .isEqualTo("forbidden");
        for (var o : filed) {
            plans.signOffObjection(w.reviewer(), plan.id(), o.id(), true, "the township checked the work log");
        }
        assertThat(plans.move(w.committee(0), plan.id(), Transition.SUBMIT, "notice ended").state())
                .isEqualTo(PlanState.TOWNSHIP_REVIEW);
    }

    private int post(String path, String form) {
        try {
            return app.http().exchange(HttpRequest.POST(path, form)
                    .contentType(io.micronaut.http.MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class)
                    .getStatus().getCode();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void oneAccountIsOnePersonAndTheAdminHoldsNoDutyInTheMoneyChain() {
        TestData.World w = world();
        AccountService accounts = app.bean(AccountService.class);
        String id = TestData.idNumber();
        accounts.create(w.admin(), new NewAccount("fin-" + w.code(), "a-long-password-1", Role.FINANCE, null, null,
                "张会计", id, "new clerk"));
        assertThat(code(() -> accounts.create(w.admin(), new NewAccount("appr-" + w.code(), "a-long-password-1",
                Role.COUNTY_APPROVER, null, null, "张会计", id, "the same person again"))))
                .isEqualTo("person_has_account");
        assertThat(code(() -> accounts.create(w.admin(), new NewAccount("anon-" + w.code(), "a-long-password-1",
                Role.OPERATOR, null, null, null, null, "nobody")))).isEqualTo("missing_field");
        // the admin: no draft, no receipt, no attendance, no payment
        assertThat(code(() -> plans.draft(w.admin(), w.village(0).code(), new PlanRequest("2026-01", List.of(),
                List.of(), "r")))).isEqualTo("forbidden");
        assertThat(code(() -> receiptAs(w.admin(), w))).isEqualTo("forbidden");
        assertThat(code(() -> payments.build(w.admin(), "r"))).isEqualTo("forbidden");
    }

    private void receiptAs(Actor a, TestData.World w) {
        settlement.recordReceipt(a, w.villageStation().code(), ReceiptKind.BENCHMARK, 100L, LocalDate.of(2026, 1, 2),
                "BK-ADM", "r");
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
