package org.yangguang.benchmarks;

import org.postgresql.PGConnection;
import org.yangguang.distribution.allocation.AllocationEngine;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.AllocationResult;
import org.yangguang.distribution.allocation.Basis;
import org.yangguang.distribution.allocation.LabourRequirement;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.allocation.Policy;
import org.yangguang.distribution.household.HouseholdStatus;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.ledger.ChainVerifier;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.LedgerEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code ./yangguang bench allocation --scale county|national}: one month of village allocation plans computed by the
 * service's {@link AllocationEngine} for every village, with the ledger transaction each plan's approval posts (the
 * fund's balance to the category budgets, to the payable lines, the collective's retention and the unspent rest back:
 * {@code PlanWorkflow}), hash-chained exactly as the service chains them ({@link LedgerEntry}); allocation rows and
 * ledger entries are written to PostgreSQL with COPY as they are produced. The baseline is a raw COPY of exactly the
 * same bytes into the same database in the same run. Order: an untimed pass computes everything once (JIT warm-up,
 * and the bytes for the baseline), then the raw COPY is timed, then computation + hashing + COPY from scratch is
 * timed. Both COPY streams (rows, ledger) run side by side on two connections in both runs.
 *
 * <p>county = Lin County (447 villages, 59,900 households); national = China 2019 (59,800 villages, 4,150,000
 * households). Villages get a deterministic synthetic month: an amount of 10,000-30,000 yuan, welfare posts for a
 * tenth of households (wage × attendance), public-works days for the able, reviewed support for households that cannot
 * work, and collective retention, under a Shanxi-2020-style policy (≥ 80 % posts + works, on what the lines pay).
 * <b>Conserved</b> means: every village's lines, unspent and undistributed add up to its amount (the engine checks,
 * and the totals are compared over the run and against the stored sum); every ledger transaction sums to zero; and
 * the written ledger, read back, passes {@link ChainVerifier} (untimed). Last line, e.g.
 * {@code allocation national: 59800 villages, 4150000 households, 837200 ledger entries, 9.1 s, COPY 6.0 s,
 * ratio 1.52, conserved}.
 *
 * <p>Options: {@code --url --user --password} (default env YANGGUANG_PG_URL/USER/PASSWORD, else the local server),
 * {@code --villages N --households N} to override the scale. When the role may create databases, the run uses a
 * fresh database {@value #BENCH_DB} and drops it afterwards.
 */
public final class AllocationBench {
    private static final String BENCH_DB = "yg_alloc_bench";
    private static final int BLOCK = 256;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final String GENESIS = LedgerEntry.GENESIS;

    private AllocationBench() {
    }

    public static void main(String[] args) throws Exception {
        String scale = "county";
        String url = env("YANGGUANG_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("YANGGUANG_PG_USER", "postgres");
        String password = env("YANGGUANG_PG_PASSWORD", "");
        Integer villages = null;
        Long households = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "allocation" -> { }
                case "--scale" -> { scale = v; i++; }
                case "--url" -> { url = v; i++; }
                case "--user" -> { user = v; i++; }
                case "--password" -> { password = v; i++; }
                case "--villages" -> { villages = Integer.parseInt(v); i++; }
                case "--households" -> { households = Long.parseLong(v); i++; }
                default -> {
                    System.err.println("usage: bench allocation --scale county|national [--url U --user U --password P]"
                            + " [--villages N --households N]");
                    System.exit(2);
                }
            }
        }
        int v = villages != null ? villages : "national".equals(scale) ? 59_800 : 447;
        long h = households != null ? households : "national".equals(scale) ? 4_150_000L : 59_900L;
        System.out.println(run(scale, v, h, url, user, password));
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    /** What one pass produced: bytes for the two tables and the totals to compare. */
    static final class Totals {
        long written;
        long input;
        long entries;
        long ledgerSum;
        boolean balanced = true;
    }

    /** Runs the benchmark; returns the summary line. */
    public static String run(String label, int villages, long households, String url, String user, String password)
            throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String[] computed = {"bench_allocation_" + suffix, "bench_ledger_" + suffix};
        String[] raw = {"bench_copy_" + suffix, "bench_copy_ledger_" + suffix};
        // a database of its own when the role may create one (PostgreSQL 15 lets only owners create tables in
        // the public schema of "postgres"); otherwise tables in the given database
        String own = ownDatabase(url, user, password);
        String target = own == null ? url : own;
        try (Connection rows = DriverManager.getConnection(target, user, password);
             Connection ledger = DriverManager.getConnection(target, user, password)) {
            rows.setAutoCommit(true);
            ledger.setAutoCommit(true);
            try (Statement s = rows.createStatement()) {
                for (int i = 0; i < 2; i++) {
                    s.execute("CREATE TABLE " + (i == 0 ? computed[0] : raw[0]) + " (village_id INT NOT NULL, household_id BIGINT, category VARCHAR(32) NOT NULL,"
                            + " amount_fen BIGINT NOT NULL)");
                    s.execute("CREATE TABLE " + (i == 0 ? computed[1] : raw[1]) + " (seq BIGINT NOT NULL, at_micros "
                            + "BIGINT NOT NULL, tx BIGINT, kind VARCHAR(24) NOT NULL, value_date DATE, account "
                            + "VARCHAR(200) NOT NULL, amount_fen BIGINT NOT NULL, reference VARCHAR(200) NOT NULL, "
                            + "reverses_seq BIGINT, reverses_tx BIGINT, actor VARCHAR(64) NOT NULL, prev_hash "
                            + "VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL)");
                }
            }
            try {
                // 1. untimed: compute every row and entry once (this is also the JIT warm-up) and keep the bytes
                List<byte[]> replayRows = new ArrayList<>();
                List<byte[]> replayLedger = new ArrayList<>();
                Totals expected = new Totals();
                produce(villages, households, replayRows::add, replayLedger::add, expected);

                // 2. timed: the raw COPY of exactly those bytes, both tables side by side
                long t1 = System.nanoTime();
                BlockInputStream rawRows = new BlockInputStream();
                BlockInputStream rawLedger = new BlockInputStream();
                replayRows.forEach(rawRows::put);
                replayLedger.forEach(rawLedger::put);
                rawRows.put(BlockInputStream.END);
                rawLedger.put(BlockInputStream.END);
                CompletableFuture<Long> rawLedgerCopy = copyAsync(ledger, raw[1], rawLedger);
                long rawRowCount = copy(rows, raw[0], rawRows);
                long rawEntryCount = rawLedgerCopy.join();
                double copySeconds = (System.nanoTime() - t1) / 1e9;
                replayRows.clear();
                replayLedger.clear();

                // 3. timed: compute, post and hash everything again, streamed into both COPYs as it is produced
                Totals totals = new Totals();
                long t0 = System.nanoTime();
                BlockInputStream inRows = new BlockInputStream();
                BlockInputStream inLedger = new BlockInputStream();
                CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                    try {
                        produce(villages, households, b -> inRows.put(b), b -> inLedger.put(b), totals);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    } finally {
                        inRows.put(BlockInputStream.END);
                        inLedger.put(BlockInputStream.END);
                    }
                });
                CompletableFuture<Long> ledgerCopy = copyAsync(ledger, computed[1], inLedger);
                long rowCount = copy(rows, computed[0], inRows);
                long entryCount = ledgerCopy.join();
                producer.join();
                double computeSeconds = (System.nanoTime() - t0) / 1e9;

                long stored = sum(rows, "SELECT COALESCE(SUM(amount_fen), 0) FROM " + computed[0]);
                long ledgerStored = sum(rows, "SELECT COALESCE(SUM(amount_fen), 0) FROM " + computed[1]);
                ChainVerifier.Result chain = verify(ledger, computed[1]);
                boolean conserved = rowCount == rawRowCount && entryCount == rawEntryCount
                        && totals.written == totals.input && totals.input == expected.input && stored == totals.input
                        && totals.balanced && ledgerStored == 0 && chain.ok() && chain.entries() == entryCount;
                return String.format(Locale.ROOT, "allocation %s: %d villages, %d households, %d ledger entries, "
                                + "%.1f s, COPY %.1f s, ratio %.2f, %s", label, villages, households, entryCount,
                        computeSeconds, copySeconds, computeSeconds / copySeconds, conserved ? "conserved"
                                : "NOT CONSERVED (" + totals.written + " allocated vs " + totals.input
                                + " to allocate, " + stored + " stored; ledger sum " + ledgerStored + ", "
                                + chain.line() + ")");
            } finally {
                try (Statement s = rows.createStatement()) {
                    for (String t : List.of(computed[0], computed[1], raw[0], raw[1])) {
                        s.execute("DROP TABLE IF EXISTS " + t);
                    }
                }
            }
        } finally {
            if (own != null) {
                try (Connection admin = DriverManager.getConnection(url, user, password);
                     Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + BENCH_DB + " WITH (FORCE)");
                }
            }
        }
    }

    private static long copy(Connection c, String table, InputStream in) throws SQLException, IOException {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN", in, 1 << 16);
    }

    private static CompletableFuture<Long> copyAsync(Connection c, String table, InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return copy(c, table, in);
            } catch (SQLException | IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static long sum(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads the written ledger back in order and checks it as {@code ledger verify} does (chain, double entry). */
    private static ChainVerifier.Result verify(Connection c, String table) throws SQLException {
        ChainVerifier v = new ChainVerifier();
        c.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("SELECT seq, at_micros, tx, kind, value_date, account, amount_fen, "
                    + "reference, actor, prev_hash, hash FROM " + table + " ORDER BY seq")) {
                while (rs.next()) {
                    LedgerEntry e = new LedgerEntry(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getString(6), rs.getLong(7), rs.getString(8), null,
                            null, rs.getString(9), rs.getString(10), rs.getString(11));
                    if (!v.accept(e)) {
                        break;
                    }
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
        return v.result();
    }

    private static String ownDatabase(String url, String user, String password) {
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + BENCH_DB + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + BENCH_DB);
        } catch (SQLException e) {
            return null;
        }
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + BENCH_DB + (query < 0 ? "" : url.substring(query));
    }

    /** Where produced bytes go. */
    interface Sink {
        void accept(byte[] bytes) throws IOException;
    }

    /**
     * Generates every village's month, allocates it, and writes COPY text rows and the unhashed ledger lines of its
     * PLAN transaction. Blocks of villages are computed on all cores and taken in order, a few blocks ahead of the
     * COPY; the ledger's chain is hashed here, in order (each hash depends on the one before).
     */
    static void produce(int villages, long households, Sink rows, Sink ledger, Totals totals) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Chain chain = new Chain();
        try {
            ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
            int next = 1;
            while (next <= villages || !inFlight.isEmpty()) {
                while (next <= villages && inFlight.size() < threads * 3) {
                    int from = next;
                    int to = Math.min(villages, next + BLOCK - 1);
                    inFlight.add(pool.submit(() -> block(from, to, villages, households)));
                    next = to + 1;
                }
                Block b;
                try {
                    b = inFlight.poll().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
                rows.accept(b.rows());
                ledger.accept(chain.hash(b.postings(), totals));
                totals.written += b.written();
                totals.input += b.input();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One block's output: COPY rows, and the ledger lines of each village's PLAN transaction, not yet chained. */
    record Block(byte[] rows, List<Line[]> postings, long written, long input) {
    }

    /**
     * A ledger line before the chain, prepared where it is computed (in parallel): the parts of its canonical form
     * and of its COPY row that do not depend on its place in the chain ({@link LedgerEntry#canonical()} is
     * {@code v2|seq|at|tx|} + {@code tail} + {@code prev_hash}).
     */
    record Line(long amountFen, byte[] tail, byte[] row) {
        static Line of(String account, long amountFen, String reference) {
            String tail = "|PLAN|" + DAY + "|" + account + "|" + amountFen + "|" + reference + "||bench|";
            String row = "\tPLAN\t" + DAY + "\t" + account + "\t" + amountFen + "\t" + reference + "\t\\N\t\\N\tbench\t";
            return new Line(amountFen, tail.getBytes(StandardCharsets.UTF_8), row.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The ledger's head as the bench writes it: sequence, transaction and the last hash. Each entry's hash is the
     * SHA-256 of its canonical form, as the service computes it; the written ledger is read back and checked with the
     * service's own {@link ChainVerifier}, so a difference would show as NOT CONSERVED.
     */
    static final class Chain {
        private final java.security.MessageDigest md;
        private final java.util.HexFormat hex = java.util.HexFormat.of();
        private final long micros = DAY.toEpochDay() * 86_400_000_000L;
        private long seq;
        private long tx;
        private byte[] prev = GENESIS.getBytes(StandardCharsets.US_ASCII);

        Chain() {
            try {
                md = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] hash(List<Line[]> postings, Totals totals) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(postings.size() * 14 * 280);
            for (Line[] p : postings) {
                tx++;
                long sum = 0;
                for (Line l : p) {
                    seq++;
                    sum = Math.addExact(sum, l.amountFen());
                    byte[] head = ("v2|" + seq + "|" + micros + "|" + tx).getBytes(StandardCharsets.US_ASCII);
                    md.update(head);
                    md.update(l.tail());
                    md.update(prev);
                    byte[] hash = hex.formatHex(md.digest()).getBytes(StandardCharsets.US_ASCII);
                    out.writeBytes((seq + "\t" + micros + "\t" + tx).getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(l.row());
                    out.writeBytes(prev);
                    out.write('\t');
                    out.writeBytes(hash);
                    out.write('\n');
                    prev = hash;
                    totals.entries++;
                }
                totals.ledgerSum += sum;
                totals.balanced &= sum == 0;
            }
            return out.toByteArray();
        }
    }

    /** Villages from..to (1-based); household ids follow from the village number, so blocks are independent. */
    static Block block(int from, int to, int villages, long households) throws IOException {
        Policy policy = POLICY;
        long base = households / villages;
        long extra = households % villages;
        long nextHousehold = 1 + (long) (from - 1) * base + Math.min(from - 1, extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK * 80 * 30);
        StringBuilder sb = new StringBuilder(256);
        List<Line[]> postings = new ArrayList<>(to - from + 1);
        long written = 0;
        long input = 0;
        for (int v = from; v <= to; v++) {
            SplittableRandom rnd = new SplittableRandom(v * 0x9E3779B97F4A7C15L);
            long n = base + (v <= extra ? 1 : 0);
            long amount = 1_000_000 + rnd.nextLong(2_000_001);
            List<AllocationRequest.Line> lines = new ArrayList<>((int) n);
            // a tenth of households hold posts, as many as half the amount can pay at 600 yuan a month
            long posts = Math.max(1, Math.min(n / 10, amount / 120_000));
            for (long k = 0; k < n; k++) {
                long id = nextHousehold++;
                if (k < posts) {
                    long wage = 60_000L * (18 + rnd.nextInt(5)) / 22;
                    lines.add(new AllocationRequest.Line("WELFARE_POSTS", id, id, HouseholdStatus.REGISTERED_POOR,
                            LabourCapacity.FULL, null, wage, LineBasis.POST, null, id, null));
                } else if (k % 5 == 4) {
                    lines.add(new AllocationRequest.Line("REWARDS_SUBSIDIES", id, null, HouseholdStatus.MONITORED,
                            LabourCapacity.NONE, BigDecimal.ONE, null, LineBasis.REVIEWED_APPLICATION, null));
                } else {
                    lines.add(new AllocationRequest.Line("PUBLIC_WORKS", id, null, HouseholdStatus.LIFTED_OUT,
                            LabourCapacity.PARTIAL, WEIGHTS[1 + rnd.nextInt(20)], null, LineBasis.LABOUR, null));
                }
            }
            AllocationResult r = AllocationEngine.allocate(policy, new AllocationRequest(amount, SHARES, lines));
            input += amount;
            Fund fund = Fund.village("bench", "v" + v);
            String reference = "plan 2026-11 v" + v;
            List<Line> posting = new ArrayList<>(14);
            for (AllocationResult.CategoryResult c : r.categories()) {
                long payable = 0;
                long retained = 0;
                for (AllocationResult.LineResult l : c.lines()) {
                    row(sb, out, v, l.householdId(), c.code(), l.amountFen());
                    written += l.amountFen();
                    if (l.householdId() == null) {
                        retained += l.amountFen();
                    } else {
                        payable += l.amountFen();
                    }
                }
                if (c.unspentFen() != 0) {
                    row(sb, out, v, null, c.code() + "_UNSPENT", c.unspentFen());
                    written += c.unspentFen();
                }
                // the approval's transaction, as the service posts it (lines of zero fen left out)
                add(posting, fund.balance(), c.budgetFen(), reference);
                add(posting, fund.budget(c.code()), -c.budgetFen(), reference);
                add(posting, fund.budget(c.code()), c.budgetFen(), reference);
                add(posting, fund.payable(), -payable, reference);
                add(posting, fund.retained(), -retained, reference);
                add(posting, fund.balance(), -c.unspentFen(), reference);
            }
            if (r.undistributedFen() != 0) {
                row(sb, out, v, null, "UNDISTRIBUTED", r.undistributedFen());
                written += r.undistributedFen();
            }
            postings.add(posting.toArray(new Line[0]));
        }
        return new Block(out.toByteArray(), postings, written, input);
    }

    private static void add(List<Line> posting, String account, long fen, String reference) {
        if (fen != 0) {
            posting.add(Line.of(account, fen, reference));
        }
    }

    private static final BigDecimal[] WEIGHTS = new BigDecimal[21];

    static {
        for (int i = 0; i < WEIGHTS.length; i++) {
            WEIGHTS[i] = BigDecimal.valueOf(i);
        }
    }

    private static final List<AllocationRequest.CategoryShare> SHARES = List.of(
            new AllocationRequest.CategoryShare("WELFARE_POSTS", new BigDecimal("50")),
            new AllocationRequest.CategoryShare("PUBLIC_WORKS", new BigDecimal("40")),
            new AllocationRequest.CategoryShare("REWARDS_SUBSIDIES", new BigDecimal("5")),
            new AllocationRequest.CategoryShare("COLLECTIVE_RETENTION", new BigDecimal("5")));

    private static void row(StringBuilder sb, ByteArrayOutputStream out, int village, Long household, String category,
                            long fen) {
        sb.setLength(0);
        sb.append(village).append('\t').append(household == null ? "\\N" : household.toString()).append('\t')
                .append(category).append('\t').append(fen).append('\n');
        out.writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static final Policy POLICY = policy();

    static Policy policy() {
        List<HouseholdStatus> all = List.of(HouseholdStatus.values());
        return new Policy("bench", 2026, 1, "benchmark policy (Shanxi 2020 style)", List.of(
                new Policy.Category("WELFARE_POSTS", "公益岗位", Basis.POST_WAGE, BigDecimal.ZERO, BigDecimal.valueOf(100),
                        all, LabourRequirement.ABLE, null),
                new Policy.Category("PUBLIC_WORKS", "公益性劳务", Basis.WEIGHTED, BigDecimal.ZERO, BigDecimal.valueOf(100),
                        all, LabourRequirement.ABLE, null),
                new Policy.Category("REWARDS_SUBSIDIES", "奖励补助", Basis.WEIGHTED, BigDecimal.ZERO,
                        BigDecimal.valueOf(20), List.of(HouseholdStatus.REGISTERED_POOR, HouseholdStatus.MONITORED),
                        LabourRequirement.ANY, 500_000L),
                new Policy.Category("COLLECTIVE_RETENTION", "村集体留存", Basis.RETAINED, BigDecimal.ZERO,
                        BigDecimal.valueOf(30), null, LabourRequirement.ANY, null)),
                List.of(new Policy.GroupMinimum(List.of("WELFARE_POSTS", "PUBLIC_WORKS"), BigDecimal.valueOf(80),
                        "国开办司发〔2020〕3号")), List.of(), "no flat per-head split");
    }

    /**
     * A COPY input: blocks handed over through a queue (java.io.PipedInputStream polls with one-second waits and
     * would measure itself, not the allocation).
     */
    static final class BlockInputStream extends InputStream {
        static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean done;

        void put(byte[] block) {
            queue.add(block);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!done && pos == current.length) {
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                pos = 0;
                if (current == END) {
                    done = true;
                }
            }
            if (done) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
