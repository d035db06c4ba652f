package org.yangguang.distribution.bench;

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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./yangguang bench allocation --scale county|national}: one month of village allocation plans computed by
 * {@link AllocationEngine} for every village and written to PostgreSQL with COPY (computation streams into the
 * COPY), compared with a raw COPY of exactly the same rows into the same database in the same run. Order: an
 * untimed pass computes the rows once (JIT warm-up, and the bytes for the raw COPY), then the raw COPY is timed,
 * then computation + COPY from scratch is timed; both runs produce the same totals or the line says so.
 *
 * <p>county = Lin County (447 villages, 59,900 households); national = China 2019 (59,800 villages, 4,150,000
 * households). Villages get a deterministic synthetic month: an amount of 10,000-30,000 yuan, welfare posts for
 * a tenth of households (wage × attendance), public-works days for the able, reviewed support for households
 * that cannot work, and collective retention, under a Shanxi-2020-style policy (≥ 80 % posts + works).
 * Conservation is checked per village by the engine and again over the whole run. Last line, e.g.
 * {@code allocation national: 59800 villages, 4150000 households, 41.2 s, COPY 23.0 s, ratio 1.79, conserved}.
 *
 * <p>Options: {@code --url --user --password} (default env YANGGUANG_PG_URL/USER/PASSWORD, else the local
 * server), {@code --villages N --households N} to override the scale. When the role may create databases, the run
 * uses a fresh database {@value #BENCH_DB} and drops it afterwards.
 */
public final class AllocationBench {
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

    /** Runs the benchmark; returns the summary line. */
    public static String run(String label, int villages, long households, String url, String user, String password)
            throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String computed = "bench_allocation_" + suffix;
        String raw = "bench_copy_" + suffix;
        // a database of its own when the role may create one (PostgreSQL 15 lets only owners create tables in
        // the public schema of "postgres"); otherwise tables in the given database
        String own = ownDatabase(url, user, password);
        try (Connection c = DriverManager.getConnection(own == null ? url : own, user, password)) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String t : List.of(computed, raw)) {
                    s.execute("CREATE TABLE " + t + " (village_id INT NOT NULL, household_id BIGINT, category "
                            + "VARCHAR(24) NOT NULL, amount_fen BIGINT NOT NULL)");
                }
            }
            try {
                // 1. untimed: compute every row once (this is also the JIT warm-up) and keep the bytes
                List<byte[]> replay = new ArrayList<>();
                long[] expected = new long[2];
                produce(villages, households, replay::add, expected);

                // 2. timed: the raw COPY of exactly those rows
                long t1 = System.nanoTime();
                BlockInputStream again = new BlockInputStream();
                replay.forEach(again::put);
                again.put(BlockInputStream.END);
                long rawRows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + raw + " FROM STDIN", again,
                        1 << 16);
                double copySeconds = (System.nanoTime() - t1) / 1e9;
                replay.clear();

                // 3. timed: compute everything again and stream it into COPY as it is produced
                long[] totals = new long[2];
                long t0 = System.nanoTime();
                BlockInputStream in = new BlockInputStream();
                CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                    try {
                        produce(villages, households, bytes -> {
                            in.put(bytes);
                            return true;
                        }, totals);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    } finally {
                        in.put(BlockInputStream.END);
                    }
                });
                long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + computed + " FROM STDIN", in,
                        1 << 16);
                producer.join();
                double computeSeconds = (System.nanoTime() - t0) / 1e9;
                totals[1] = totals[1] == expected[1] && totals[0] == expected[0] ? totals[1] : -1;

                long stored;
                try (Statement s = c.createStatement();
                     var rs = s.executeQuery("SELECT COALESCE(SUM(amount_fen), 0) FROM " + computed)) {
                    rs.next();
                    stored = rs.getLong(1);
                }
                boolean conserved = rows == rawRows && totals[0] == totals[1] && stored == totals[0];
                return String.format(Locale.ROOT, "allocation %s: %d villages, %d households, %.1f s, COPY %.1f s, "
                                + "ratio %.2f, %s", label, villages, households, computeSeconds, copySeconds,
                        computeSeconds / copySeconds, conserved ? "conserved" : "NOT CONSERVED (" + totals[0]
                                + " allocated vs " + totals[1] + " to allocate, " + stored + " stored)");
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + computed);
                    s.execute("DROP TABLE IF EXISTS " + raw);
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

    private static final String BENCH_DB = "yg_alloc_bench";

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

    private static final int BLOCK = 256;

    /**
     * Generates every village's month, allocates it, and writes COPY text rows; totals = {written, input}.
     * Blocks of villages are computed on all cores and written in order, a few blocks ahead of the COPY.
     */
    static void produce(int villages, long households, java.util.function.Predicate<byte[]> out, long[] totals)
            throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.ArrayDeque<java.util.concurrent.Future<Block>> inFlight = new java.util.ArrayDeque<>();
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
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause());
                }
                out.test(b.bytes());
                totals[0] += b.written();
                totals[1] += b.input();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    record Block(byte[] bytes, long written, long input) {
    }

    /** Villages from..to (1-based); household ids follow from the village number, so blocks are independent. */
    static Block block(int from, int to, int villages, long households) throws IOException {
        Policy policy = POLICY;
        long base = households / villages;
        long extra = households % villages;
        long nextHousehold = 1 + (long) (from - 1) * base + Math.min(from - 1, extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK * 80 * 30);
        StringBuilder sb = new StringBuilder(256);
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
            for (AllocationResult.CategoryResult c : r.categories()) {
                for (AllocationResult.LineResult l : c.lines()) {
                    row(sb, out, v, l.householdId(), c.code(), l.amountFen());
                    written += l.amountFen();
                }
                if (c.unspentFen() != 0) {
                    row(sb, out, v, null, c.code() + "_UNSPENT", c.unspentFen());
                    written += c.unspentFen();
                }
            }
            if (r.undistributedFen() != 0) {
                row(sb, out, v, null, "UNDISTRIBUTED", r.undistributedFen());
                written += r.undistributedFen();
            }
        }
        return new Block(out.toByteArray(), written, input);
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
                            long fen) throws IOException {
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
     * The COPY input: blocks of rows handed over through a queue (java.io.PipedInputStream polls with one-second
     * waits and would measure itself, not the allocation).
     */
    static final class BlockInputStream extends java.io.InputStream {
        static final byte[] END = new byte[0];
        private final java.util.concurrent.BlockingQueue<byte[]> queue = new java.util.concurrent.LinkedBlockingQueue<>();
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
