package org.yangguang.distribution.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code ./yangguang ledger verify}: checks the hash chain from a database or from an export and names the first
 * broken entry. Exit 0 when intact, 1 when broken, 2 on bad usage or an unreadable source.
 *
 * <pre>
 * ledger verify --file ledger.csv                          (GET /api/ledger/export)
 * ledger verify --url jdbc:postgresql://host/db --user u [--password p]   (or env YANGGUANG_LEDGER_PASSWORD)
 * ledger verify --url 'jdbc:h2:file:/path/yangguang;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE'
 * </pre>
 */
public final class LedgerVerifyMain {
    private LedgerVerifyMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String file = null;
        String url = null;
        String user = "";
        String password = System.getenv().getOrDefault("YANGGUANG_LEDGER_PASSWORD", "");
        int i = 0;
        if (i < args.length && args[i].equals("verify")) {
            i++;
        }
        for (; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--file" -> { file = v; i++; }
                case "--url" -> { url = v; i++; }
                case "--user" -> { user = v; i++; }
                case "--password" -> { password = v; i++; }
                default -> {
                    System.err.println("unknown argument " + a);
                    return usage();
                }
            }
        }
        if ((file == null) == (url == null)) {
            return usage();
        }
        ChainVerifier verifier = new ChainVerifier();
        try {
            if (file != null) {
                try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                    String header = in.readLine();
                    if (header == null || !header.strip().equals(LedgerEntry.CSV_HEADER)) {
                        System.err.println(file + ": line 1 is not the ledger export header");
                        return 2;
                    }
                    String line;
                    int lineNo = 1;
                    while ((line = in.readLine()) != null) {
                        lineNo++;
                        if (line.isBlank()) {
                            continue;
                        }
                        LedgerEntry e;
                        try {
                            e = LedgerEntry.parseCsv(line);
                        } catch (RuntimeException ex) {
                            System.out.println("ledger BROKEN at line " + lineNo + " of " + file + ": unreadable ("
                                    + ex.getMessage() + ")");
                            return 1;
                        }
                        if (!verifier.accept(e)) {
                            break;
                        }
                    }
                }
            } else {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT seq, at_micros, account, kind, amount_fen, reference, "
                             + "reverses_seq, actor, prev_hash, hash FROM ledger_entry ORDER BY seq")) {
                    while (rs.next()) {
                        long rev = rs.getLong(7);
                        Long reverses = rs.wasNull() ? null : rev;
                        LedgerEntry e = new LedgerEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getString(6), reverses, rs.getString(8), rs.getString(9),
                                rs.getString(10));
                        if (!verifier.accept(e)) {
                            break;
                        }
                    }
                }
            }
        } catch (IOException | SQLException e) {
            System.err.println("cannot read the ledger: " + e.getMessage());
            return 2;
        }
        ChainVerifier.Result r = verifier.result();
        System.out.println(r.line());
        return r.ok() ? 0 : 1;
    }

    private static int usage() {
        System.err.println("usage: ledger verify --file <export.csv> | --url <jdbc-url> [--user U] [--password P]");
        return 2;
    }
}
