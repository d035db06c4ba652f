package org.yangguang.distribution.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code ./yangguang ledger ...}: checks the books from a database or from an export, and makes checkpoint keys.
 * Exit 0 when intact, 1 when broken (or not anchored where the service runs), 2 on bad usage or an unreadable source.
 *
 * <pre>
 * ledger verify --url JDBC                 where the service runs: checkpoints and key from its configuration
 *        [--user U] [--password P]         (else datasources.default.username/password, YANGGUANG_LEDGER_PASSWORD;
 *                                          an H2 URL: sa)
 * ledger verify --file ledger.csv          an auditor elsewhere, with an export (GET /api/ledger/export) and
 *        [--head SEQ:HASH]                 a head published on a notice, a household page or a batch, and/or
 *        [--checkpoints DIR --public-key K] a copy of the checkpoints and the county's public key
 *        [--ledger-id ID]                  (default: the one ledger the checkpoints name)
 * ledger keygen --out FILE                 a new signing key (private, mode 600); prints its public key
 * ledger public-key                        the public key of the configured signing key
 * </pre>
 */
public final class LedgerCli {
    private LedgerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage();
        }
        try {
            return switch (args[0]) {
                case "verify" -> verify(args);
                case "keygen" -> keygen(args);
                case "public-key" -> publicKey();
                default -> usage();
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private static int verify(String[] args) {
        String file = null;
        String url = null;
        String user = CheckpointSettings.setting("datasources.default.username");
        String password = System.getenv().getOrDefault("YANGGUANG_LEDGER_PASSWORD",
                CheckpointSettings.setting("datasources.default.password"));
        String dir = null;
        String head = null;
        String ledgerId = null;
        boolean noCheckpoints = false;
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--file" -> { file = need(a, v); i++; }
                case "--url" -> { url = need(a, v); i++; }
                case "--user" -> { user = need(a, v); i++; }
                case "--password" -> { password = need(a, v); i++; }
                case "--checkpoints" -> { dir = need(a, v); i++; }
                case "--public-key" -> { keys.add(CheckpointKey.publicKey(readKey(need(a, v)))); i++; }
                case "--head" -> { head = need(a, v); i++; }
                case "--ledger-id" -> { ledgerId = need(a, v); i++; }
                case "--no-checkpoints" -> noCheckpoints = true;
                default -> {
                    System.err.println("unknown argument " + a);
                    return usage();
                }
            }
        }
        if ((file == null) == (url == null)) {
            return usage();
        }
        CheckpointSettings config = CheckpointSettings.fromEnvironment();
        Path checkpointDir = dir != null ? Path.of(dir) : config.dir();
        List<PublicKey> trusted = !keys.isEmpty() ? keys : config.trustedKeys();
        Checkpoints.Reader checkpoints = noCheckpoints ? new Checkpoints.Reader(Path.of("/nonexistent/none"))
                : new Checkpoints.Reader(checkpointDir);
        LedgerAudit.Verification v;
        try {
            if (file != null) {
                String id = ledgerId;
                if (id == null) {
                    Set<String> ids = checkpoints.ledgers();
                    id = ids.size() == 1 ? ids.iterator().next() : "";
                }
                try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                    String header = in.readLine();
                    if (header == null || !(header.strip().equals(LedgerEntry.CSV_HEADER)
                            || header.strip().equals(LedgerEntry.CSV_HEADER_V1))) {
                        System.err.println(file + ": line 1 is not the ledger export header");
                        return 2;
                    }
                    v = LedgerAudit.run(lines(in, file), checkpoints, id, trusted, false, head);
                }
            } else {
                // an H2 database the service made without a configured user (the demo's) belongs to "sa"
                String as = user != null ? user : url.startsWith("jdbc:h2:") ? "sa" : "";
                try (Connection c = DriverManager.getConnection(url, as, password == null ? "" : password)) {
                    c.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
                    String id;
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT ledger_id FROM ledger_head WHERE id = 1")) {
                        id = rs.next() ? rs.getString(1) : null;
                    }
                    try (Statement s = c.createStatement()) {
                        s.setFetchSize(5_000);
                        try (ResultSet rs = s.executeQuery("SELECT seq, at_micros, tx, kind, value_date, account, "
                                + "amount_fen, reference, reverses_seq, reverses_tx, actor, prev_hash, hash "
                                + "FROM ledger_entry ORDER BY seq")) {
                            v = LedgerAudit.run(rows(rs), checkpoints, id, trusted, !noCheckpoints, head);
                        }
                    }
                }
            }
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("cannot read the ledger: " + e.getMessage());
            return 2;
        }
        v.warnings().forEach(w -> System.err.println("warning: " + w));
        System.out.println(v.line());
        return v.ok() ? 0 : 1;
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** A key given inline, or the path of a file holding it. */
    private static String readKey(String value) {
        Path p = Path.of(value);
        try {
            return Files.isRegularFile(p) ? Files.readString(p).strip() : value;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + value + ": " + e.getMessage());
        }
    }

    private static Iterator<LedgerEntry> lines(BufferedReader in, String file) {
        return new Iterator<>() {
            private int lineNo = 1;
            private LedgerEntry next = advance();

            private LedgerEntry advance() {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lineNo++;
                        if (!line.isBlank()) {
                            try {
                                return LedgerEntry.parseCsv(line);
                            } catch (RuntimeException e) {
                                throw new IllegalStateException("line " + lineNo + " of " + file + " is unreadable ("
                                        + e.getMessage() + ")");
                            }
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public LedgerEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                LedgerEntry e = next;
                next = advance();
                return e;
            }
        };
    }

    private static Iterator<LedgerEntry> rows(ResultSet rs) {
        return new Iterator<>() {
            private Boolean has;

            @Override
            public boolean hasNext() {
                try {
                    if (has == null) {
                        has = rs.next();
                    }
                    return has;
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }

            @Override
            public LedgerEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                has = null;
                try {
                    return new LedgerEntry(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3), rs.getString(4),
                            rs.getObject(5, java.time.LocalDate.class), rs.getString(6), rs.getLong(7),
                            rs.getString(8), nullableLong(rs, 9), nullableLong(rs, 10), rs.getString(11),
                            rs.getString(12), rs.getString(13));
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            }
        };
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static int keygen(String[] args) {
        if (args.length != 3 || !args[1].equals("--out")) {
            return usage();
        }
        Path out = Path.of(args[2]);
        if (Files.exists(out)) {
            System.err.println(out + " exists; a signing key is never overwritten");
            return 2;
        }
        CheckpointKey key = CheckpointKey.generate();
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(out, key.privateBase64() + "\n");
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        System.out.println("signing key written to " + out + " (keep it off the database server's backups of the "
                + "database; set yangguang.ledger.signing-key-file to it)");
        System.out.println("public key (publish it; auditors pass it as --public-key): " + key.publicBase64());
        System.out.println("fingerprint: " + key.fingerprint());
        return 0;
    }

    private static int publicKey() {
        CheckpointSettings config = CheckpointSettings.fromEnvironment();
        if (config.signingKey() == null) {
            System.err.println("no signing key configured (yangguang.ledger.signing-key or -file)");
            return 2;
        }
        System.out.println(config.signingKey().publicBase64());
        return 0;
    }

    private static int usage() {
        System.err.println("usage: ledger verify --url <jdbc-url> [--user U] [--password P] [--head SEQ:HASH]\n"
                + "       ledger verify --file <export.csv> [--head SEQ:HASH] [--checkpoints DIR --public-key K]"
                + " [--ledger-id ID]\n"
                + "       ledger keygen --out FILE\n"
                + "       ledger public-key");
        return 2;
    }
}
