package org.yangguang.distribution;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.HouseholdView;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.payment.BatchView;
import org.yangguang.distribution.payment.PaymentService;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareInput;
import org.yangguang.distribution.registry.ShareSetRequest;
import org.yangguang.distribution.registry.VillageShare;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.workflow.PlanRequest;
import org.yangguang.distribution.workflow.PlanService;
import org.yangguang.distribution.workflow.PlanView;
import org.yangguang.distribution.workflow.Transition;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writers racing on PostgreSQL: share sets of one station, and payment batches of one county. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyPostgresTest {
    DistributionApp app;
    TestData data;

    @BeforeAll
    void start() {
        app = SharedApps.app(SharedApps.Db.POSTGRES);
        data = new TestData(app);
    }

    static <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<T> t = task.apply(i);
            futures.add(pool.submit(() -> {
                go.await();
                return t.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }

    @Test
    void concurrentShareSetsOfOneStationNeverExceedTheWhole() throws Exception {
        // issue 12 audit: two concurrent share writes were both stored and exceeded 100 % (and every later
        // distributable answered 500). Eight writers, each a set within 100 %, all for the same date: one wins
        TestData.World w = data.world("cc1");
        Registry registry = app.bean(Registry.class);
        LocalDate from = LocalDate.of(2027, 3, 1);
        List<String> outcomes = race(8, i -> () -> {
            try {
                registry.recordShares("admin-" + i, w.joint(), new ShareSetRequest(from, List.of(
                        new ShareInput(w.village(i % 3).code(), new BigDecimal("70")),
                        new ShareInput(w.village((i + 1) % 3).code(), new BigDecimal("30"))), "race " + i), false);
                return "stored";
            } catch (ApiException e) {
                return e.code();
            }
        });
        assertThat(outcomes).filteredOn("stored"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("share_set_exists"::equals).hasSize(7);
        Owners owners = registry.ownership(w.joint(), from, from).get(0);
        assertThat(owners.villages().stream().mapToLong(Owners.Owner::parts).sum()).isLessThanOrEqualTo(owners.whole());
        assertThat(registry.shareHistory(w.joint().id())).filteredOn(s -> s.effectiveFrom().equals(from))
                .extracting(VillageShare::sharePercent).extracting(BigDecimal::intValue).containsExactlyInAnyOrder(70, 30);

        // and sets of different dates, at once: each stored whole, none above the whole
        List<String> dated = race(6, i -> () -> {
            try {
                registry.recordShares("admin-" + i, w.joint(), new ShareSetRequest(from.plusMonths(1 + i % 3),
                        List.of(new ShareInput(w.village(0).code(), null, 1L + i), new ShareInput(w.village(1).code(),
                                null, 1L)), 2L + i, "race " + i), false);
                return "stored";
            } catch (ApiException e) {
                return e.code();
            }
        });
        assertThat(dated).filteredOn("stored"::equals).hasSize(3);
        for (int m = 1; m <= 3; m++) {
            Owners o = registry.ownership(w.joint(), from.plusMonths(m), from.plusMonths(m)).get(0);
            assertThat(o.villages().stream().mapToLong(Owners.Owner::parts).sum()).isLessThanOrEqualTo(o.whole());
        }

        // the database's own guarantees, whatever the application does: one set per station, date and revision;
        // a set never holds more parts than its whole
        try (Connection c = DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class)).getConnection()) {
            c.setAutoCommit(true);
            String insert = "INSERT INTO share_set (station_id, effective_from, revision, whole_parts, total_parts, kind,"
                    + " recorded_by, recorded_at, reason) VALUES (" + w.joint().id() + ", DATE '2027-03-01', 0, 3, 3, "
                    + "'RECORD', 'sql', CURRENT_TIMESTAMP, 'by hand')";
            assertThatThrownBy(() -> c.createStatement().executeUpdate(insert)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("share_set_once");
            assertThatThrownBy(() -> c.createStatement().executeUpdate(insert.replace("DATE '2027-03-01', 0, 3, 3",
                    "DATE '2031-01-01', 0, 3, 4"))).isInstanceOf(SQLException.class)
                    .hasMessageContaining("share_set_whole");
        }
    }

    @Test
    void concurrentBatchBuildersPayEveryLineExactlyOnce() throws Exception {
        TestData.World w = data.world("cc2");
        PlanService plans = app.bean(PlanService.class);
        SettlementService settlement = app.bean(SettlementService.class);
        settlement.recordReceipt(w.finance(), w.joint().code(), ReceiptKind.BENCHMARK, 6_000_000L,
                LocalDate.of(2026, 8, 10), "BK-CC2", "cash");
        long payable = 0;
        for (int v = 0; v < 3; v++) {
            String code = w.village(v).code();
            List<PlanRequest.Line> lines = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                HouseholdView h = data.household(code, HouseholdStatus.REGISTERED_POOR, LabourCapacity.FULL);
                lines.add(new PlanRequest.Line("PUBLIC_WORKS", h.registrationNo(), BigDecimal.valueOf(1 + k), null,
                        LineBasis.LABOUR, "works"));
            }
            PlanView p = plans.draft(w.committee(v), code, new PlanRequest("2026-08", List.of(
                    new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("100"))), lines, "August"));
            plans.move(w.committee(v), p.id(), Transition.PUBLISH, "posted");
            ((TestClock) app.bean(Clock.class)).advance(Duration.ofDays(8));
            plans.move(w.committee(v), p.id(), Transition.SUBMIT, "notice ended");
            plans.move(w.reviewer(), p.id(), Transition.TOWNSHIP_APPROVE, "reviewed");
            plans.move(w.approver(), p.id(), Transition.COUNTY_APPROVE, "approved");
            payable += p.amountFen();
        }
        PaymentService payments = app.bean(PaymentService.class);
        List<Object> outcomes = race(4, i -> () -> {
            Actor finance = new Actor("finance-" + i + "-cc2", Role.FINANCE, w.county().id(), null, null);
            try {
                return payments.build(finance, "race " + i);
            } catch (ApiException e) {
                return e.code();
            }
        });
        List<BatchView> built = outcomes.stream().filter(o -> o instanceof BatchView).map(o -> (BatchView) o).toList();
        assertThat(outcomes).allSatisfy(o -> assertThat(o instanceof BatchView || "nothing_to_pay".equals(o)).isTrue());
        Set<Long> planLines = new HashSet<>();
        long total = 0;
        for (BatchView b : built) {
            for (BatchView.Line l : b.lines()) {
                assertThat(planLines.add(l.planLineId())).as("plan line " + l.planLineId() + " in one batch").isTrue();
                total += l.amountFen();
            }
        }
        assertThat(planLines).hasSize(18);
        assertThat(total).isEqualTo(payable);
        assertThat(-app.bean(Ledger.class).sum(Fund.village(w.code(), w.village(0).code()).payable())).isPositive();
    }
}
