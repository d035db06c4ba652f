package org.yangguang.distribution;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.ledger.AccountSum;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.LedgerAudit;
import org.yangguang.distribution.ledger.LedgerEntry;
import org.yangguang.distribution.payment.BatchState;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentLineState;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.settlement.Receipt;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.ReceiptRequest;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanView;
import org.yangguang.distribution.workflow.Transition;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 §11: random sequences of receipts (late ones too), share changes, plans and their approvals, payment
 * batches, bank results (paid, failed, returned), reversals and reallocations, through the services against a real
 * database; after every step: {@code ledger verify} passes (chain, double entry, checkpoints), no fund's balance is
 * below zero, and Σ paid + Σ balances + Σ deductions = Σ received, each side read from a different place (the
 * receipts, the payment lines, the ledger). A try is a county of its own; refusals are part of the sequences (a
 * step may be refused; the money must stay right either way).
 */
abstract class LedgerStateMachine {
    private static final Map<SharedApps.Db, DistributionApp> APPS = new EnumMap<>(SharedApps.Db.class);
    private static final AtomicInteger TRIES = new AtomicInteger();

    abstract SharedApps.Db db();

    /** A service of its own for the property (its clock moves by weeks), started once per database. */
    DistributionApp app() {
        synchronized (APPS) {
            return APPS.computeIfAbsent(db(), d -> {
                Map<String, Object> database = d == SharedApps.Db.H2 ? DistributionApp.h2()
                        : DistributionApp.postgres("yg_dist_property");
                DistributionApp app = DistributionApp.start(database, Map.of("yangguang.influx.url",
                        SharedApps.influx().url(), "yangguang.influx.database", SharedApps.influx().database()));
                Runtime.getRuntime().addShutdownHook(new Thread(app::close, "stop-property-app-" + d));
                return app;
            });
        }
    }

    /** What the sequence has done so far, and the county it does it in. */
    final class Model {
        final DistributionApp app = app();
        final TestData.World w = new TestData(app).world("sm" + (db() == SharedApps.Db.H2 ? "h" : "p")
                + TRIES.incrementAndGet());
        final List<List<HouseholdView>> able = new ArrayList<>();
        final List<HouseholdView> needy = new ArrayList<>();
        final Map<String, YearMonth> next = new HashMap<>();
        final List<Long> batches = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        int receipts;

        Model() {
            TestData data = new TestData(app);
            for (int v = 0; v < 3; v++) {
                String code = w.village(v).code();
                able.add(List.of(data.household(code, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL),
                        data.household(code, HouseholdStatus.LIFTED_OUT, LabourCapacity.PARTIAL)));
                needy.add(data.household(code, HouseholdStatus.MONITORED, LabourCapacity.NONE));
            }
        }

        <T> T bean(Class<T> type) {
            return app.bean(type);
        }

        Station station(int i) {
            return switch (i) {
                case 0 -> w.joint();
                case 1 -> w.villageStation();
                default -> w.central();
            };
        }

        /** Runs a step that the service may refuse (a refusal is a legitimate outcome). */
        void attempt(String step, Runnable r) {
            try {
                r.run();
                steps.add(step);
            } catch (ApiException e) {
                steps.add(step + " -> refused " + e.code());
            }
        }

        YearMonth latestMonth() {
            return next.values().stream().max(YearMonth::compareTo).orElse(YearMonth.of(2026, 1));
        }
    }

    @Property(tries = 10, shrinking = ShrinkingMode.OFF, afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
    void moneyBalancesAfterEveryStep(@ForAll("chains") ActionChain<Model> chain) {
        Model end = chain.withInvariant("the books balance", this::balanced).run();
        // what the sequences did, so that a run where everything was refused does not pass unnoticed
        for (String step : end.steps) {
            Statistics.label("steps").collect(step.replaceAll("[0-9-]+", "#").replaceAll(" (sm|mh|mp)[a-z#]*", ""));
        }
        Statistics.label("steps").coverage(c -> {
            c.check("receipt").count(n -> n > 0);
            c.check("batch").count(n -> n > 0);
            c.check("results of batch #").count(n -> n > 0);
        });
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        return ActionChain.<Model>startWith(Model::new)
                .withAction(4, receipt())
                .withAction(1, shareChange())
                .withAction(3, plan())
                .withAction(3, batch())
                .withAction(3, results())
                .withAction(1, bankReturn())
                .withAction(2, reversal())
                .withAction(1, reallocation())
                .withAction(2, monthCycle())
                .withMaxTransformations(30);
    }

    // ----------------------------------------------------------------------------------------------- actions

    Action.Independent<Model> receipt() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 3_000_000),
                Arbitraries.integers().between(0, 3), Arbitraries.of(ReceiptKind.values())).as((station, fen, back, kind) ->
                Transformer.mutate("receipt " + kind + " " + fen + " fen, station " + station + ", " + back
                        + " months back", m -> {
                    // a late receipt: cash for a month that may already be planned and paid
                    YearMonth month = m.latestMonth().minusMonths(back);
                    LocalDate on = month.atDay(15);
                    m.attempt("receipt", () -> m.bean(SettlementService.class).recordReceipt(m.w.finance(),
                            m.station(station).code(), new ReceiptRequest(kind, fen, on, "R" + m.receipts++, "cash",
                                    null, null, null)));
                }));
    }

    Action.Independent<Model> shareChange() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 17), partsArb()).as((months, parts) ->
                Transformer.mutate("shares of the joint station from +" + months + " months: " + parts, m -> {
                    LocalDate from = YearMonth.of(2026, 1).plusMonths(months).atDay(1 + months % 20);
                    m.attempt("share change", () -> m.bean(Registry.class).recordShares("admin", m.w.joint(),
                            shares(m, from, parts), false));
                }));
    }

    Action.Independent<Model> reallocation() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 11), partsArb()).as((months, parts) ->
                Transformer.mutate("reallocation of the joint station from +" + months + " months: " + parts, m -> {
                    LocalDate from = YearMonth.of(2026, 1).plusMonths(months).atDay(1);
                    m.attempt("reallocation", () -> m.bean(SettlementService.class).reallocate(m.w.finance(),
                            m.w.joint().code(), shares(m, from, parts)));
                }));
    }

    private static Arbitrary<List<Integer>> partsArb() {
        return Arbitraries.integers().between(0, 3).list().ofSize(4);
    }

    /** Parts for villages a, b, c of a whole of their sum plus the fourth number (a partner's share). */
    private static ShareSetRequest shares(Model m, LocalDate from, List<Integer> parts) {
        long whole = Math.max(1, parts.get(0) + parts.get(1) + parts.get(2) + parts.get(3));
        List<ShareInput> lines = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            lines.add(new ShareInput(m.w.village(v).code(), null, (long) parts.get(v)));
        }
        return new ShareSetRequest(from, lines, whole, "property step");
    }

    Action.Independent<Model> plan() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 5)).as((fund, w1, w2) ->
                Transformer.mutate("plan of fund " + fund + " (weights " + w1 + ", " + w2 + ")", m -> {
                    String key = fund == 3 ? "pool" : m.w.village(fund).code();
                    YearMonth month = m.next.getOrDefault(key, YearMonth.of(2026, 1));
                    PlanService plans = m.bean(PlanService.class);
                    m.attempt("plan " + key + " " + month, () -> {
                        PlanView p = draft(m, plans, fund, month, w1, w2);
                        Actor drafter = fund == 3 ? m.w.office() : m.w.committee(fund);
                        plans.move(drafter, p.id(), Transition.PUBLISH, "posted");
                        ((TestClock) m.bean(Clock.class)).advance(Duration.ofDays(8));
                        if (fund == 3) {
                            plans.move(drafter, p.id(), Transition.SUBMIT_TO_COUNTY, "notice ended");
                        } else {
                            plans.move(drafter, p.id(), Transition.SUBMIT, "notice ended");
                            plans.move(m.w.reviewer(), p.id(), Transition.TOWNSHIP_APPROVE, "reviewed");
                        }
                        plans.move(m.w.approver(), p.id(), Transition.COUNTY_APPROVE, "approved");
                        m.next.put(key, month.plusMonths(1));
                    });
                }));
    }

    private static PlanView draft(Model m, PlanService plans, int fund, YearMonth month, int w1, int w2) {
        List<AllocationRequest.CategoryShare> cats = List.of(
                new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("80")),
                new AllocationRequest.CategoryShare("REWARDS_SUBSIDIES", new BigDecimal("20")));
        List<PlanRequest.Line> lines = new ArrayList<>();
        if (fund == 3) {
            // the pool pays county-wide: an able member of each village, one household that cannot work
            for (int v = 0; v < 3; v++) {
                lines.add(new PlanRequest.Line("PUBLIC_WORKS", m.able.get(v).get(v % 2).registrationNo(),
                        BigDecimal.valueOf(v == 0 ? w1 : w2), null, LineBasis.LABOUR, "county works"));
            }
            lines.add(new PlanRequest.Line("REWARDS_SUBSIDIES", m.needy.get(w1 % 3).registrationNo(), BigDecimal.ONE,
                    null, LineBasis.REVIEWED_APPLICATION, "pool support"));
            return plans.draftPool(m.w.office(), new PlanRequest(month.toString(), cats, lines, "pool plan"));
        }
        lines.add(new PlanRequest.Line("PUBLIC_WORKS", m.able.get(fund).get(0).registrationNo(), BigDecimal.valueOf(w1),
                null, LineBasis.LABOUR, "works"));
        lines.add(new PlanRequest.Line("PUBLIC_WORKS", m.able.get(fund).get(1).registrationNo(), BigDecimal.valueOf(w2),
                null, LineBasis.LABOUR, "works"));
        lines.add(new PlanRequest.Line("REWARDS_SUBSIDIES", m.needy.get(fund).registrationNo(), BigDecimal.ONE, null,
                LineBasis.REVIEWED_APPLICATION, "support"));
        return plans.draft(m.w.committee(fund), m.w.village(fund).code(), new PlanRequest(month.toString(), cats, lines,
                "monthly plan"));
    }

    /** A whole month of one village: its cash, its plan approved, a batch, the bank's results. */
    Action.Independent<Model> monthCycle() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.longs().between(50_000,
                2_000_000), Arbitraries.integers().between(0, 99)).as((v, fen, seed) -> Transformer.mutate(
                "a month of village " + v + ": " + fen + " fen", m -> {
                    String key = m.w.village(v).code();
                    YearMonth month = m.next.getOrDefault(key, YearMonth.of(2026, 1));
                    Station station = v == 0 ? m.w.villageStation() : m.w.joint();
                    m.attempt("cycle receipt", () -> m.bean(SettlementService.class).recordReceipt(m.w.finance(),
                            station.code(), new ReceiptRequest(ReceiptKind.BENCHMARK, fen, month.atDay(10),
                                    "C" + m.receipts++, "cash", null, null, null)));
                    plan().transformer().sample().apply(m);
                    batch().transformer().sample().apply(m);
                    results().transformer().sample().apply(m);
                }));
    }

    Action.Independent<Model> batch() {
        return () -> Arbitraries.of(0, 1).map(who -> Transformer.mutate("payment batch", m -> m.attempt("batch", () -> {
            BatchView b = m.bean(PaymentService.class).build(who == 0 ? m.w.finance() : m.w.finance2(), "pay");
            m.batches.add(b.id());
        })));
    }

    Action.Independent<Model> results() {
        return () -> Arbitraries.integers().between(0, 99).map(seed -> Transformer.mutate("bank results (" + seed + ")",
                m -> {
                    PaymentService payments = m.bean(PaymentService.class);
                    for (long id : m.batches) {
                        BatchView b = payments.get(m.w.finance(), id);
                        if (b.state() != BatchState.BUILT) {
                            continue;
                        }
                        StringBuilder csv = new StringBuilder(PaymentService.RESULTS_HEADER + "\n");
                        int i = seed;
                        for (BatchView.Line l : b.lines()) {
                            if (l.state() == PaymentLineState.IN_BATCH) {
                                boolean paid = (i++ % 5) != 0;
                                csv.append(l.id()).append(paid ? ",PAID,B" + l.id() + "," : ",FAILED,,closed")
                                        .append('\n');
                            }
                        }
                        m.attempt("results of batch " + id, () -> payments.importResults(m.w.finance(), id,
                                csv.toString(), "bank file"));
                        return;
                    }
                }));
    }

    Action.Independent<Model> bankReturn() {
        return () -> Arbitraries.integers().between(0, 99).map(pick -> Transformer.mutate("a transfer returned", m -> {
            PaymentService payments = m.bean(PaymentService.class);
            List<long[]> paid = new ArrayList<>();
            for (long id : m.batches) {
                for (BatchView.Line l : payments.get(m.w.finance(), id).lines()) {
                    if (l.state() == PaymentLineState.PAID) {
                        paid.add(new long[]{id, l.id()});
                    }
                }
            }
            if (!paid.isEmpty()) {
                long[] one = paid.get(pick % paid.size());
                m.attempt("return of line " + one[1], () -> payments.importResults(m.w.finance(), one[0],
                        PaymentService.RESULTS_HEADER + "\n" + one[1] + ",RETURNED,RET" + one[1] + ",account closed\n",
                        "returned by the bank"));
            }
        }));
    }

    Action.Independent<Model> reversal() {
        return () -> Arbitraries.integers().between(0, 99).map(pick -> Transformer.mutate("a reversal", m -> {
            Ledger ledger = m.bean(Ledger.class);
            // a payment two times in three when there is one, else a receipt
            List<LedgerEntry> all = ledger.account(m.w.finance(), Fund.cash(m.w.code()));
            List<LedgerEntry> cash = all.stream().filter(e -> e.kind().equals(pick % 3 != 0 ? "PAYMENT" : "RECEIPT"))
                    .toList();
            if (cash.isEmpty()) {
                cash = all.stream().filter(e -> e.kind().equals("PAYMENT") || e.kind().equals("RECEIPT")).toList();
            }
            if (!cash.isEmpty()) {
                LedgerEntry e = cash.get(pick / 2 % cash.size());
                m.attempt("reversal of " + e.kind() + " " + e.seq(), () -> ledger.reverse(m.w.finance(), e.seq(),
                        "entered by mistake"));
            }
        }));
    }

    // ----------------------------------------------------------------------------------------------- invariants

    void balanced(Model m) {
        Ledger ledger = m.bean(Ledger.class);
        LedgerAudit.Verification v = ledger.verifyAll();
        assertThat(v.ok()).as(v.line() + " after " + m.steps).isTrue();
        String county = m.w.code();
        // received: the receipts as settlement keeps them (reversed ones do not count)
        long received = 0;
        SettlementService settlement = m.bean(SettlementService.class);
        for (int s = 0; s < 3; s++) {
            for (Receipt r : settlement.money(m.w.finance(), m.station(s).code()).receipts()) {
                received = Math.addExact(received, r.amountFen());
            }
        }
        // paid: the transfers as payment keeps them (returned and reversed ones do not count)
        long paid = 0;
        PaymentService payments = m.bean(PaymentService.class);
        for (long id : m.batches) {
            for (BatchView.Line l : payments.get(m.w.finance(), id).lines()) {
                if (l.state() == PaymentLineState.PAID) {
                    paid = Math.addExact(paid, l.amountFen());
                }
            }
        }
        // balances and deductions: the ledger
        long deductions = 0;
        long balances = 0;
        long cash = 0;
        for (AccountSum a : ledger.sums(county + ":", LocalDate.of(2100, 1, 1))) {
            if (a.account().equals(Fund.cash(county))) {
                cash = a.total();
            } else if (a.account().startsWith(county + ":deduction:")) {
                deductions = Math.subtractExact(deductions, a.total());
            } else {
                balances = Math.subtractExact(balances, a.total());
            }
        }
        assertThat(paid + balances + deductions).as("paid + balances + deductions = received, after " + m.steps)
                .isEqualTo(received);
        assertThat(cash).as("the 专户 holds what came in less what went out").isEqualTo(received - paid);
        List<Fund> funds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            funds.add(Fund.village(county, m.w.village(i).code()));
        }
        funds.add(Fund.pool(county));
        for (Fund f : funds) {
            assertThat(-ledger.sum(f.balance())).as(f.label() + "'s balance after " + m.steps).isNotNegative();
            assertThat(-ledger.sum(f.payable())).as(f.label() + "'s payable").isNotNegative();
            assertThat(ledger.sum(f.recoverable())).as(f.label() + "'s recoverable").isNotNegative();
        }
    }
}
