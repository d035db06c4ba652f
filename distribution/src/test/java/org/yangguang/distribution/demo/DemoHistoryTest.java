package org.yangguang.distribution.demo;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.DistributionApp;
import org.yangguang.distribution.SharedApps;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.transparency.HouseholdPage;
import org.yangguang.distribution.workflow.PlanState;
import org.yangguang.distribution.workflow.PlanView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo county with its history (demo/county.yaml, {@code yangguang.demo.history=true}) on H2, as ./yangguang demo
 * starts it: the past months' plans of every owning village approved and paid, the books verified, this month ready
 * for a plan, and a working QR link for every household.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTest {
    DistributionApp app;
    Path links;
    final DemoCounty county = DemoCounty.load(Path.of("..", "demo", "county.yaml"));

    @BeforeAll
    void start() throws Exception {
        links = Files.createTempFile("demo-links", ".txt");
        var influx = SharedApps.influx();
        app = DistributionApp.start(DistributionApp.h2(), Map.of("yangguang.demo.seed", "true",
                "yangguang.demo.history", "true", "yangguang.demo.links-file", links.toString(),
                "yangguang.workflow.notice-duration", "PT2M",
                "yangguang.influx.url", influx.url(), "yangguang.influx.database", influx.database(),
                "yangguang.collector.url", "http://127.0.0.1:9"));
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
        Files.deleteIfExists(links);
    }

    @Test
    void theBundledCountyIsTheRepositoryFile() {
        assertThat(DemoCounty.bundled()).isEqualTo(county);
        assertThat(county.stations()).extracting(DemoCounty.StationSpec::kind)
                .containsExactlyInAnyOrder("JOINT", "VILLAGE", "CENTRALIZED");
    }

    @Test
    void pastMonthsArePlannedApprovedAndPaid() {
        YearMonth current = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        for (String village : List.of("lin-yaotou", "lin-fanjiagou", "lin-xingshengshan", "lin-wangjiayu")) {
            String user = "vc-" + village.substring("lin-".length());
            PlanView[] plans = app.get(user, "/api/villages/" + village + "/plans", PlanView[].class);
            assertThat(plans).extracting(PlanView::period).containsExactly(
                    current.minusMonths(2).toString(), current.minusMonths(1).toString());
            assertThat(plans).allSatisfy(p -> {
                assertThat(p.state()).isEqualTo(PlanState.RECONCILED);
                assertThat(p.amountFen()).isPositive();
                assertThat(p.lines()).anySatisfy(l -> assertThat(l.kind()).isEqualTo("WAGE"));
                assertThat(p.lines()).filteredOn(l -> !"RETAINED".equals(l.kind()))
                        .allSatisfy(l -> assertThat(l.paymentState()).isEqualTo("PAID"));
            });
        }
        PlanView[] yaotou = app.get("vc-yaotou", "/api/villages/lin-yaotou/plans", PlanView[].class);
        assertThat(yaotou[0].lines()).anySatisfy(l -> assertThat(l.kind()).isEqualTo("PROJECT"));
    }

    @Test
    void theBooksBalanceAndThisMonthIsReadyForAPlan() {
        Ledger ledger = app.bean(Ledger.class);
        assertThat(ledger.verifyAll().ok()).isTrue();
        for (String village : List.of("lin-yaotou", "lin-fanjiagou", "lin-xingshengshan", "lin-wangjiayu")) {
            // this month's receipt is in the village's balance (credit balances are negative sums)
            assertThat(-ledger.sum(Fund.village("lin", village).balance())).as(village).isPositive();
            assertThat(ledger.sum(Fund.village("lin", village).payable())).as(village).isZero();
        }
        Map<?, ?> money = app.get("finance", "/api/stations/lin-baiwen-01/settlement", Map.class);
        assertThat((List<?>) money.get("receipts")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ledger.head().seq()).isPositive();
        assertThat(app.get("/api/settings/notice", Map.class)).containsEntry("demo", true).containsEntry("seconds", 120);
    }

    @Test
    void everyHouseholdHasAWorkingQrLinkShowingItsPayments() throws Exception {
        List<String> lines = Files.readAllLines(links);
        int households = county.households().values().stream().mapToInt(List::size).sum();
        assertThat(lines).hasSize(households);
        String first = lines.get(0);
        assertThat(first).startsWith("LY-001 lin-yaotou http://127.0.0.1:");
        String token = first.substring(first.indexOf("/h/") + 3);
        HouseholdPage page = app.http().retrieve(HttpRequest.GET("/h/" + token + "/data"), HouseholdPage.class);
        assertThat(page.totalPaidFen()).isPositive();
        assertThat(page.payments()).isNotEmpty();
        assertThat(page.household()).doesNotContain("王秀英").startsWith("王");
    }
}
