package org.yangguang.distribution;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.ledger.Checkpoints;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.LedgerAudit;
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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The double-entry, hash-chained ledger and its anchoring, on a service of its own (its database is tampered with):
 * concurrent receipts form one chain of balanced transactions; a reversal undoes a receipt and its split; the
 * database refuses edits; and {@code ledger verify --url} — with no other argument, checkpoints found through the
 * service's configuration — finds an edit, a removed tail, and a history rewritten with every hash recomputed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerSuite {
    DistributionApp app;
    Ledger ledger;
    TestData.World world;
    Actor finance;
    Path checkpoints;
    Map<String, Object> database;

    abstract SharedApps.Db db();

    @BeforeAll
    void start(@TempDir Path dir) {
        checkpoints = dir.resolve("ledger-checkpoints");
        database = db() == SharedApps.Db.H2 ? DistributionApp.h2() : DistributionApp.postgres("yg_dist_ledger");
        app = DistributionApp.start(database, Map.of("yangguang.ledger.checkpoint-dir", checkpoints.toString(),
                "yangguang.influx.url", SharedApps.influx().url(), "yangguang.influx.database",
                SharedApps.influx().database()));
        ledger = app.bean(Ledger.class);
        world = new TestData(app).world("lg");
        finance = world.finance();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void concurrentReceiptsFormOneChainOfBalancedTransactionsAndAReversalUndoesOne(@TempDir Path dir)
            throws Exception {
        SettlementService settlement = app.bean(SettlementService.class);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 8; i++) {
                    settlement.recordReceipt(finance, world.joint().code(), ReceiptKind.SUBSIDY, 300L + i,
                            LocalDate.of(2024, 1, 1), "R-" + thread + "-" + i, "ledger race");
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        String cash = Fund.cash(world.code());
        LocalDate day = LocalDate.of(2024, 1, 1);
        List<LedgerEntry> in = ledger.account(finance, cash).stream().filter(e -> e.reference().contains(" R-"))
                .toList();
        assertThat(in).hasSize(48);
        long received = 6 * (300 + 301 + 302 + 303 + 304 + 305 + 306 + 307);
        assertThat(ledger.sumOn(cash, day)).isEqualTo(received);
        // every fen of the cash is owed to someone: deductions and the three villages' balances
        long owed = ledger.sums(world.code() + ":", day).stream()
                .filter(s -> !s.account().equals(cash)).mapToLong(s -> -s.total()).sum();
        assertThat(owed).isEqualTo(received);
        LedgerAudit.Verification ok = ledger.verify(finance);
        assertThat(ok.ok()).as(ok.line()).isTrue();
        assertThat(ok.line()).contains("every transaction balances").contains("checkpoints agree");

        // a receipt entered by mistake is reversed: its cash, and the split to the villages with it
        LedgerEntry first = in.get(0);
        long before = ledger.sum(cash);
        Ledger.Posted reversal = ledger.reverse(finance, first.seq(), "entered twice by mistake");
        assertThat(ledger.sum(cash)).isEqualTo(before - first.amountFen());
        assertThat(ledger.lines(reversal.tx())).allSatisfy(e -> assertThat(e.reversesTx()).isEqualTo(first.tx()));
        assertThat(RegistrySuite.refusal(() -> ledger.reverse(finance, first.seq(), "again")))
                .isEqualTo("already_reversed|seq");
        assertThat(RegistrySuite.refusal(() -> ledger.reverse(finance, reversal.firstSeq(), "undo")))
                .isEqualTo("reversal_of_reversal|seq");
        assertThat(RegistrySuite.refusal(() -> ledger.reverse(world.auditor(), first.seq(), "x")))
                .isEqualTo("forbidden|null");
        long owedAfter = ledger.sums(world.code() + ":", LocalDate.now().plusDays(1)).stream()
                .filter(s -> !s.account().equals(cash)).mapToLong(s -> -s.total()).sum();
        assertThat(owedAfter).isEqualTo(ledger.sum(cash));
        assertThat(ledger.verifyAll().ok()).isTrue();

        // from an export: intact, then one changed amount is named
        String export = ledger.export(finance);
        Path file = dir.resolve("ledger.csv");
        Files.writeString(file, export);
        assertThat(cli("verify", "--file", file.toString())).startsWith("0:ledger OK: ");
        String tampered = export.replaceFirst("\n" + first.seq() + ",([^,]*),([^,]*),([^,]*),([^,]*),([^,]*),(-?\\d+),",
                "\n" + first.seq() + ",$1,$2,$3,$4,$5,999999,");
        assertThat(tampered).isNotEqualTo(export);
        Files.writeString(file, tampered);
        assertThat(cli("verify", "--file", file.toString()))
                .isEqualTo("1:ledger BROKEN at entry " + first.seq() + ": hash does not match the entry's contents "
                        + "(entry changed) (" + (first.seq() - 1) + " entries before it are intact)");
    }

    @Test
    void theDatabaseRefusesEditsAndVerifyFindsEveryKindOfRewrite() throws Exception {
        SettlementService settlement = app.bean(SettlementService.class);
        for (int i = 0; i < 5; i++) {
            settlement.recordReceipt(finance, world.villageStation().code(), ReceiptKind.BENCHMARK, 10_000L + i,
                    LocalDate.of(2024, 2, 1), "T-" + i, "for tampering");
        }
        String url;
        try (Connection c = connection()) {
            url = c.getMetaData().getURL();
        }
        assertThat(verifyHere(url)).startsWith("0:ledger OK: ").contains("checkpoints agree");
        LedgerAudit.Verification intact = ledger.verifyAll();
        long last = intact.lastSeq();

        try (Connection c = connection()) {
            c.setAutoCommit(true);
            // in the database: an edit or a removal is refused by the database itself, saying why
            for (String change : List.of("UPDATE ledger_entry SET amount_fen = amount_fen + 1 WHERE seq = " + last,
                    "DELETE FROM ledger_entry WHERE seq = " + last)) {
                assertThatThrownBy(() -> c.createStatement().executeUpdate(change)).as(change)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ledger_entry is append-only: " + change.substring(0, 6)
                                + " refused; a correction is a new reversing entry");
            }
            assertThat(ledger.verifyAll().entries()).isEqualTo(intact.entries());

            // whoever may switch the guard off (the table's owner) is found: an edit...
            List<LedgerEntry> all = entries(c);
            setGuard(c, false);
            try {
                c.createStatement().executeUpdate("UPDATE ledger_entry SET amount_fen = amount_fen + 1 WHERE seq = "
                        + (last - 1));
                assertThat(verifyHere(url)).startsWith("1:ledger BROKEN at entry " + (last - 1)
                        + ": hash does not match");
                restore(c, all);

                // ...the last two transactions removed whole, with the head moved back to match ...
                long lastTx = all.get(all.size() - 1).tx();
                c.createStatement().executeUpdate("DELETE FROM ledger_entry WHERE tx >= " + (lastTx - 1));
                LedgerEntry kept = all.stream().filter(x -> x.tx() < lastTx - 1).reduce((a, b) -> b).orElseThrow();
                c.createStatement().executeUpdate("UPDATE ledger_head SET last_seq = " + kept.seq() + ", last_hash = '"
                        + kept.hash() + "', last_tx = " + kept.tx());
                assertThat(ledger.verifyAll().problem()).contains("entries were removed from its end");
                assertThat(verifyHere(url)).startsWith("1:ledger BROKEN: the checkpoint of ")
                        .contains(", but the ledger ends at entry " + kept.seq() + ": entries were removed from its end");
                restore(c, all);

                // ...and a payment lowered with every later hash recomputed: the chain alone looks intact
                rehash(c, all, last - 3, -1);
                org.yangguang.distribution.ledger.ChainVerifier chain = new org.yangguang.distribution.ledger.ChainVerifier();
                entries(c).forEach(chain::accept);
                assertThat(chain.result().ok()).as("the rewritten chain is consistent in itself").isTrue();
                String rewritten = verifyHere(url);
                assertThat(rewritten).startsWith("1:ledger BROKEN at entry ").contains("history was rewritten");
                restore(c, all);
            } finally {
                setGuard(c, true);
            }
        }
        assertThat(verifyHere(url)).startsWith("0:ledger OK: ");
        // the head published on a notice: an export with it checks out elsewhere, and a made-up one does not
        Ledger.Head head = ledger.head();
        Path export = Files.createTempFile("ledger", ".csv");
        Files.writeString(export, ledger.export(finance));
        assertThat(cli("verify", "--file", export.toString(), "--head", head.seq() + ":" + head.hash()))
                .startsWith("0:ledger OK: ").contains("published head " + head.seq() + " matches");
        assertThat(cli("verify", "--file", export.toString(), "--head", head.seq() + ":" + "ab".repeat(32)))
                .startsWith("1:ledger BROKEN at entry " + head.seq());
        // an auditor elsewhere with a copy of the checkpoints and the county's public key
        String key = app.bean(Checkpoints.class).key().publicBase64();
        assertThat(cli("verify", "--file", export.toString(), "--checkpoints", checkpoints.toString(),
                "--public-key", key)).startsWith("0:ledger OK: ").contains("checkpoints agree");
        assertThat(cli("verify", "--file", export.toString(), "--checkpoints", checkpoints.toString(),
                "--public-key", org.yangguang.distribution.ledger.CheckpointKey.generate().publicBase64()))
                .startsWith("1:ledger BROKEN: checkpoint ").contains("which is not trusted");
        Files.delete(export);
    }

    private Connection connection() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(app.bean(DataSource.class)).getConnection();
    }

    private static List<LedgerEntry> entries(Connection c) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (var rs = c.createStatement().executeQuery("SELECT seq, at_micros, tx, kind, value_date, account, "
                + "amount_fen, reference, reverses_seq, reverses_tx, actor, prev_hash, hash FROM ledger_entry ORDER BY seq")) {
            while (rs.next()) {
                long tx = rs.getLong(3);
                Long txv = rs.wasNull() ? null : tx;
                long rt = rs.getLong(10);
                Long rtv = rs.wasNull() ? null : rt;
                out.add(new LedgerEntry(rs.getLong(1), rs.getLong(2), txv, rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getLong(7), rs.getString(8), null, rtv,
                        rs.getString(11), rs.getString(12), rs.getString(13)));
            }
        }
        return out;
    }

    /** What a database owner can do: lower entry {@code seq} by {@code delta} and its partner line to match, rehash. */
    private static void rehash(Connection c, List<LedgerEntry> all, long seq, long delta) throws SQLException {
        List<LedgerEntry> changed = new ArrayList<>(all);
        int i = (int) (seq - 1);
        LedgerEntry e = changed.get(i);
        // keep the transaction balanced, as a careful forger would: move the fen to the next line of the same tx
        int partner = changed.get(i + 1).tx().equals(e.tx()) ? i + 1 : i - 1;
        LedgerEntry p = changed.get(partner);
        changed.set(i, with(e, e.amountFen() + delta, e.prevHash()));
        changed.set(partner, with(p, p.amountFen() - delta, p.prevHash()));
        String prev = changed.get(Math.min(i, partner)).prevHash();
        for (int k = Math.min(i, partner); k < changed.size(); k++) {
            LedgerEntry x = with(changed.get(k), changed.get(k).amountFen(), prev);
            x = x.withHash(x.computeHash());
            changed.set(k, x);
            prev = x.hash();
        }
        write(c, changed);
        LedgerEntry lastEntry = changed.get(changed.size() - 1);
        c.createStatement().executeUpdate("UPDATE ledger_head SET last_hash = '" + lastEntry.hash() + "'");
    }

    private static LedgerEntry with(LedgerEntry e, long amount, String prev) {
        return new LedgerEntry(e.seq(), e.atMicros(), e.tx(), e.kind(), e.valueDate(), e.account(), amount,
                e.reference(), e.reversesSeq(), e.reversesTx(), e.actor(), prev, e.hash());
    }

    /** Puts the entries back as they were (guard off) and the head with them. */
    private static void restore(Connection c, List<LedgerEntry> all) throws SQLException {
        c.createStatement().executeUpdate("DELETE FROM ledger_entry");
        write(c, all);
        LedgerEntry last = all.get(all.size() - 1);
        c.createStatement().executeUpdate("UPDATE ledger_head SET last_seq = " + last.seq() + ", last_hash = '"
                + last.hash() + "', last_tx = " + last.tx());
    }

    private static void write(Connection c, List<LedgerEntry> entries) throws SQLException {
        c.createStatement().executeUpdate("DELETE FROM ledger_entry");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_entry (seq, at_micros, tx, kind, value_date, "
                + "account, amount_fen, reference, reverses_seq, reverses_tx, actor, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LedgerEntry e : entries) {
                s.setLong(1, e.seq());
                s.setLong(2, e.atMicros());
                s.setObject(3, e.tx());
                s.setString(4, e.kind());
                s.setObject(5, e.valueDate());
                s.setString(6, e.account());
                s.setLong(7, e.amountFen());
                s.setString(8, e.reference());
                s.setObject(9, e.reversesSeq());
                s.setObject(10, e.reversesTx());
                s.setString(11, e.actor());
                s.setString(12, e.prevHash());
                s.setString(13, e.hash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** What a database owner can do: PostgreSQL disables the trigger, H2 (which cannot) drops and re-creates it. */
    private void setGuard(Connection c, boolean on) throws SQLException {
        String sql = db() == SharedApps.Db.POSTGRES
                ? "ALTER TABLE ledger_entry " + (on ? "ENABLE" : "DISABLE") + " TRIGGER " + LedgerAppendOnly.TRIGGER
                : on ? LedgerAppendOnly.h2Trigger() : "DROP TRIGGER " + LedgerAppendOnly.TRIGGER;
        c.createStatement().execute(sql);
    }

    /**
     * {@code ./yangguang ledger verify --url <url>} where the service runs: no other argument, the checkpoint
     * directory and the database user from the same configuration the service reads (here: system properties).
     */
    private String verifyHere(String url) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("yangguang.ledger.checkpoint-dir", checkpoints.toString());
        props.put("datasources.default.username", String.valueOf(database.getOrDefault("datasources.default.username",
                "sa")));
        props.put("datasources.default.password", String.valueOf(database.getOrDefault("datasources.default.password",
                "")));
        props.forEach(System::setProperty);
        try {
            return cli("verify", "--url", url);
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
    }

    /** Runs the ./yangguang ledger entry point; returns "exit:first line of its output". */
    static String cli(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, "UTF-8"));
        int code;
        try {
            var m = Class.forName("org.yangguang.distribution.ledger.LedgerCli").getDeclaredMethod("run",
                    String[].class);
            m.setAccessible(true);
            code = (int) m.invoke(null, (Object) args);
        } finally {
            System.setOut(old);
        }
        return code + ":" + out.toString("UTF-8").strip();
    }
}
