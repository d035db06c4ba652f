package org.yangguang.distribution;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.ledger.ChainVerifier;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.LedgerEntry;
import org.yangguang.distribution.ledger.migration.LedgerAppendOnly;
import org.yangguang.distribution.settlement.ReceiptKind;
import org.yangguang.distribution.settlement.SettlementService;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hash-chained ledger: appends from many threads, reversals, and verification from DB and export. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerSuite {
    DistributionApp app;
    Ledger ledger;
    Actor finance;

    abstract SharedApps.Db db();

    @BeforeAll
    void start() {
        app = SharedApps.app(db());
        ledger = app.bean(Ledger.class);
        finance = new TestData(app).county(Role.FINANCE);
    }

    @Test
    void concurrentReceiptsFormOneChainAndReversalsAreNewEntries(@TempDir Path dir) throws Exception {
        SettlementService settlement = app.bean(SettlementService.class);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        String run = TestData.uniqueNo("L");
        for (int t = 0; t < 6; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 8; i++) {
                    settlement.recordReceipt(finance, "lin-central-01", ReceiptKind.SUBSIDY, 100L + i,
                            LocalDate.of(2024, 1, 1), run + "-" + thread + "-" + i, "ledger race");
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<LedgerEntry> mine = ledger.account(finance, "station:lin-central-01").stream()
                .filter(e -> e.reference().contains(run)).toList();
        assertThat(mine).hasSize(48);
        ChainVerifier.Result ok = ledger.verify(finance);
        assertThat(ok.ok()).isTrue();

        LedgerEntry first = mine.get(0);
        LedgerEntry reversal = ledger.reverse(finance, first.seq(), "entered twice by mistake");
        assertThat(reversal.amountFen()).isEqualTo(-first.amountFen());
        assertThat(reversal.reversesSeq()).isEqualTo(first.seq());
        assertThat(RegistrySuite.refusal(() -> ledger.reverse(finance, first.seq(), "again"))).isEqualTo("already_reversed|seq");
        assertThat(RegistrySuite.refusal(() -> ledger.reverse(finance, reversal.seq(), "undo"))).isEqualTo("reversal_of_reversal|seq");
        assertThat(RegistrySuite.refusal(() -> ledger.reverse(new TestData(app).county(Role.AUDITOR), first.seq(), "x")))
                .isEqualTo("forbidden|null");
        assertThat(ledger.account(finance, "station:lin-central-01").stream().filter(e -> e.seq() == first.seq())
                .findFirst().orElseThrow().amountFen()).isEqualTo(first.amountFen());

        // from an export: intact, then one changed amount is named
        String export = ledger.export(finance);
        Path file = dir.resolve("ledger.csv");
        Files.writeString(file, export);
        assertThat(verifyMain("verify", "--file", file.toString())).startsWith("0:ledger OK: ");
        String tampered = export.replaceFirst("\n" + first.seq() + ",([^,]*),([^,]*),([^,]*),(-?\\d+),",
                "\n" + first.seq() + ",$1,$2,$3,999999,");
        assertThat(tampered).isNotEqualTo(export);
        Files.writeString(file, tampered);
        assertThat(verifyMain("verify", "--file", file.toString()))
                .isEqualTo("1:ledger BROKEN at entry " + first.seq() + ": hash does not match the entry's contents "
                        + "(entry changed) (" + (first.seq() - 1) + " entries before it are intact)");

        try (Connection c = DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class)).getConnection()) {
            c.setAutoCommit(true);
            long entriesBefore = ledger.verifyAll().entries();
            // in the database: an edit or a removal is refused by the database itself, saying why
            for (String change : List.of("UPDATE ledger_entry SET amount_fen = amount_fen + 1 WHERE seq = " + first.seq(),
                    "DELETE FROM ledger_entry WHERE seq = " + first.seq())) {
                assertThatThrownBy(() -> c.createStatement().executeUpdate(change)).as(change)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ledger_entry is append-only: " + change.substring(0, 6)
                                + " refused; a correction is a new reversing entry");
            }
            ChainVerifier.Result untouched = ledger.verifyAll();
            assertThat(untouched.ok()).isTrue();
            assertThat(untouched.entries()).isEqualTo(entriesBefore);

            // an edit by someone who may switch the guard off (the table's owner) is found by the chain, and named
            setGuard(c, false);
            c.createStatement().executeUpdate("UPDATE ledger_entry SET amount_fen = amount_fen + 1 WHERE seq = "
                    + first.seq());
            try {
                ChainVerifier.Result broken = ledger.verifyAll();
                assertThat(broken.ok()).isFalse();
                assertThat(broken.firstBrokenSeq()).isEqualTo(first.seq());
                String url = c.getMetaData().getURL();
                String user = c.getMetaData().getUserName();
                String password = db() == SharedApps.Db.POSTGRES
                        ? String.valueOf(app.context().getProperty("datasources.default.password", String.class).orElse(""))
                        : "";
                assertThat(verifyMain("verify", "--url", url, "--user", user, "--password", password))
                        .startsWith("1:ledger BROKEN at entry " + first.seq() + ": hash does not match");
            } finally {
                c.createStatement().executeUpdate("UPDATE ledger_entry SET amount_fen = amount_fen - 1 WHERE seq = "
                        + first.seq());
                setGuard(c, true);
            }
        }
        assertThat(ledger.verifyAll().ok()).isTrue();
    }

    /** What a database owner can do: PostgreSQL disables the trigger, H2 (which cannot) drops and re-creates it. */
    private void setGuard(Connection c, boolean on) throws SQLException {
        String sql = db() == SharedApps.Db.POSTGRES
                ? "ALTER TABLE ledger_entry " + (on ? "ENABLE" : "DISABLE") + " TRIGGER " + LedgerAppendOnly.TRIGGER
                : on ? LedgerAppendOnly.h2Trigger() : "DROP TRIGGER " + LedgerAppendOnly.TRIGGER;
        c.createStatement().execute(sql);
    }

    /** Runs the ./yangguang ledger verify entry point; returns "exit:last line". */
    static String verifyMain(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, "UTF-8"));
        int code;
        try {
            var m = Class.forName("org.yangguang.distribution.ledger.LedgerVerifyMain").getDeclaredMethod("run",
                    String[].class);
            m.setAccessible(true);
            code = (int) m.invoke(null, (Object) args);
        } finally {
            System.setOut(old);
        }
        return code + ":" + out.toString("UTF-8").strip();
    }
}
