package org.yangguang.distribution;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.settlement.Distributable;
import org.yangguang.distribution.settlement.ImportRejected;
import org.yangguang.distribution.settlement.ImportReport;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.settlement.StationMoney;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Settlement CSV import, receipts, arrears, telemetry cross-check and the distributable amount. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SettlementSuite {
    static final String GOOD = SettlementService.HEADER + "\r\n"
            + "lin-baiwen-01,GS-2026-09-BW,2026-09-01,2026-09-30,36000.000,11952.00,1554.00\r\n"
            + "lin-baiwen-01,GS-2026-08-BW,2026-08-01,2026-08-31,30000,9960.00,1295.00\r\n";
    static final String CSV = GOOD
            + "\r\n"
            + "nowhere-01,GS-1,2026-09-01,2026-09-30,1,1,1\r\n"
            + "lin-baiwen-01,GS-2,2026-09-01,2026-09-30,1,12.345,1\r\n"
            + "lin-baiwen-01,GS-3,2026-09-30,2026-09-01,1,1,1\r\n"
            + "lin-baiwen-01,GS-4,2026-09-01\r\n";

    DistributionApp app;
    SettlementService settlement;
    Actor finance;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        // 36,000 kWh in September 2026 (local days) from a separate inverter, flat before and after
        SharedApps.influx().inverter("lin-baiwen-01", "inv-09", Instant.parse("2026-08-31T16:00:00Z"), 1_000_000)
                .inverter("lin-baiwen-01", "inv-09", Instant.parse("2026-09-30T16:00:00Z"), 37_000_000)
                .flush();
        app = SharedApps.app(db());
        settlement = app.bean(SettlementService.class);
        finance = new TestData(app).county(Role.FINANCE);
    }

    @Test
    void aFileWithBadLinesImportsNothingAndNamesEveryOneThenTheGoodFileIsIdempotent() throws Exception {
        long importsBefore = count("settlement_import");
        long statementsBefore = count("settlement_statement");
        // issue 12 audit: one number too large for a fen used to answer 500 and import nothing, contrary to the docs
        String bad = CSV + "lin-baiwen-01,GS-5,2026-09-01,2026-09-30,1e400,1,1\r\n";
        ImportRejected refused = org.junit.jupiter.api.Assertions.assertThrows(ImportRejected.class,
                () -> settlement.importCsv(finance, "gs-2026-09.csv", bad, "September statements"));
        assertThat(refused.code()).isEqualTo("import_rejected");
        assertThat(refused.status().getCode()).isEqualTo(422);
        assertThat(refused.errors()).extracting(ImportReport.LineError::line, ImportReport.LineError::field,
                        ImportReport.LineError::code)
                .containsExactly(tuple(5, "station", "unknown_station"), tuple(6, "benchmark_yuan", "bad_number"),
                        tuple(7, "period_end", "bad_period"), tuple(8, null, "bad_columns"),
                        tuple(9, "on_grid_kwh", "number_too_large"));
        assertThat(count("settlement_import")).isEqualTo(importsBefore);
        assertThat(count("settlement_statement")).isEqualTo(statementsBefore);

        ImportReport first = settlement.importCsv(finance, "gs-2026-09.csv", GOOD, "September statements");
        assertThat(first.created()).isEqualTo(2);
        assertThat(first.errors()).isEmpty();
        // August has no telemetry at all: flagged; September matches exactly: not flagged
        assertThat(first.flagged()).containsExactly("lin-baiwen-01/GS-2026-08-BW: statement 30000.000 kWh, "
                + "telemetry 0.000 kWh: differ by more than 3 %");
        long importsAfter = count("settlement_import");
        ImportReport again = settlement.importCsv(finance, "gs-2026-09.csv", GOOD, "again");
        assertThat(again.created()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(count("settlement_import")).isEqualTo(importsAfter);
        assertThat(count("settlement_statement")).isEqualTo(statementsBefore + 2);

        ImportRejected conflict = org.junit.jupiter.api.Assertions.assertThrows(ImportRejected.class,
                () -> settlement.importCsv(finance, "fix.csv", SettlementService.HEADER + "\n"
                        + "lin-baiwen-01,GS-2026-09-BW,2026-09-01,2026-09-30,36001,11952.00,1554.00\n", "correction"));
        assertThat(conflict.errors()).extracting(ImportReport.LineError::line, ImportReport.LineError::code)
                .containsExactly(tuple(2, "statement_conflict"));

        StationMoney money = settlement.money(finance, "lin-baiwen-01");
        // expected subsidy: 36,000 x (0.85 - 0.332) = 18,648.00; 30,000 x 0.518 = 15,540.00
        assertThat(money.statements()).extracting(s -> s.statementNo() + ":" + s.expectedSubsidyFen() + ":"
                        + s.telemetryWh() + ":" + s.flagged())
                .containsExactly("GS-2026-08-BW:1554000:0:true", "GS-2026-09-BW:1864800:36000000:false");

        // cash: the benchmark of September and part of the subsidy arrive in October
        settlement.recordReceipt(finance, "lin-baiwen-01", ReceiptKind.BENCHMARK, 1_195_200L, LocalDate.of(2026, 10, 10),
                "BK-2026-1010-01", "grid payment September");
        settlement.recordReceipt(finance, "lin-baiwen-01", ReceiptKind.SUBSIDY, 1_000_000L, LocalDate.of(2026, 10, 20),
                "BK-2026-1020-07", "subsidy instalment");
        // the same receipt again changes nothing; the same reference with another amount is refused
        settlement.recordReceipt(finance, "lin-baiwen-01", ReceiptKind.SUBSIDY, 1_000_000L, LocalDate.of(2026, 10, 20),
                "BK-2026-1020-07", "again");
        assertThat(RegistrySuite.refusal(() -> settlement.recordReceipt(finance, "lin-baiwen-01", ReceiptKind.SUBSIDY,
                1_000_001L, LocalDate.of(2026, 10, 20), "BK-2026-1020-07", "typo"))).isEqualTo("receipt_conflict|reference");

        money = settlement.money(finance, "lin-baiwen-01");
        assertThat(money.expectedSubsidyFen()).isEqualTo(3_418_800);
        assertThat(money.receivedSubsidyFen()).isEqualTo(1_000_000);
        assertThat(money.subsidyArrearsFen()).isEqualTo(2_418_800);
        assertThat(money.benchmarkArrearsFen()).isEqualTo(2_191_200 - 1_195_200);
        assertThat(money.receipts()).hasSize(2);

        // only cash received counts, as each receipt was split in the ledger: 1,195,200 -> O&M 59,760, insurance
        // 5,677.2 -> 5,677, net 1,129,763 -> 451,905 / 395,417 / 282,441; 1,000,000 -> 50,000, 4,750, net 945,250 ->
        // 378,100 / 330,838 (a tie of .5 remainders: the lower village id) / 236,312
        Distributable d = settlement.distributable(finance, "lin-baiwen-01", LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31));
        assertThat(d.cashFen()).isEqualTo(2_195_200);
        assertThat(d.deductions()).extracting(Distributable.Deduction::name, Distributable.Deduction::fen)
                .containsExactly(tuple("om", 109_760L), tuple("insurance", 10_427L));
        assertThat(d.netFen()).isEqualTo(2_075_013);
        assertThat(d.villages()).extracting(v -> v.revenueFen()).containsExactly(830_005L, 726_255L, 518_753L);
        assertThat(d.undistributedFen()).isZero();
        // September: no cash received yet, nothing to distribute (statements are not cash)
        assertThat(settlement.distributable(finance, "lin-baiwen-01", LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 30)).cashFen()).isZero();
    }

    @Test
    void centralizedStationCashGoesToTheCountyPool() {
        settlement.recordReceipt(finance, "lin-central-01", ReceiptKind.BENCHMARK, 1_000_000L, LocalDate.of(2023, 3, 15),
                "BK-2023-0315-C", "grid payment");
        // O&M 5 % = 50,000; insurance 0.5 % of 950,000 = 4,750; the county pool holds the poverty share (100 %)
        Distributable d = settlement.distributable(finance, "lin-central-01", LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 3, 31));
        assertThat(d.netFen()).isEqualTo(945_250);
        assertThat(d.countyPoolFen()).isEqualTo(945_250);
        assertThat(d.villages()).isEmpty();
        assertThat(d.undistributedFen()).isZero();
    }

    @Test
    void onlyFinanceImports() {
        for (Actor a : new Actor[]{new TestData(app).committee("lin-yaotou"), new TestData(app).county(Role.AUDITOR),
                new TestData(app).county(Role.ADMIN)}) {
            try {
                settlement.importCsv(a, "x.csv", CSV, "r");
                throw new AssertionError("expected a refusal");
            } catch (ApiException e) {
                assertThat(e.code()).isEqualTo("forbidden");
            }
        }
        assertThat(RegistrySuite.refusal(() -> settlement.importCsv(finance, "x.csv", "station;no\n", "r")))
                .isEqualTo("bad_header|file");
    }

    private long count(String table) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class)).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
