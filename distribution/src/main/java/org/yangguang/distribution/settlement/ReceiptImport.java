package org.yangguang.distribution.settlement;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.api.Inputs;
import org.yangguang.distribution.money.Fen;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The 专户's statement lines as a file (the same lines finance can enter one by one in the console): one receipt a
 * line, each recorded as {@link SettlementService#recordReceipt} records it — posted and split at once — and the whole
 * file or nothing: one bad line refuses the file, listing every bad line with its number, field and reason. An
 * example is docs/examples/receipts.csv. {@code payer} (国网…供电公司, 财政…) goes into the receipt's audited reason.
 */
@Singleton
public class ReceiptImport {
    public static final String HEADER = "station,kind,amount_yuan,received_on,reference,payer,statement_no,energy_from,"
            + "energy_to";
    private static final int FIELDS = 9;

    private final SettlementService settlement;
    private final Scopes scopes;

    ReceiptImport(SettlementService settlement, Scopes scopes) {
        this.settlement = settlement;
        this.scopes = scopes;
    }

    @Transactional
    public ImportReport importCsv(Actor actor, String content, String reason) {
        scopes.requireRole(actor, Role.FINANCE);
        String why = Audit.requireReason(reason);
        String[] lines = Inputs.csvLines(content, HEADER);
        List<ImportReport.LineError> errors = new ArrayList<>();
        int created = 0;
        int unchanged = 0;
        for (int i = 1; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != FIELDS) {
                errors.add(new ImportReport.LineError(lineNo, null, "bad_line", "line " + lineNo + " has " + f.length
                        + " fields, the header " + FIELDS));
                continue;
            }
            try {
                ReceiptRequest req = new ReceiptRequest(kind(f[1]), fen(f[2]), date(f[3], "received_on"), f[4].strip(),
                        why + (f[5].isBlank() ? "" : " · 付款方 payer: " + f[5].strip()),
                        f[6].isBlank() ? null : f[6].strip(), f[7].isBlank() ? null : date(f[7], "energy_from"),
                        f[8].isBlank() ? null : date(f[8], "energy_to"));
                long before = settlement.receiptCount();
                settlement.recordReceipt(actor, f[0].strip(), req);
                if (settlement.receiptCount() > before) {
                    created++;
                } else {
                    unchanged++;
                }
            } catch (ApiException e) {
                if ("forbidden".equals(e.code())) {
                    throw e;
                }
                errors.add(new ImportReport.LineError(lineNo, e.field(), e.code(), "line " + lineNo + ": "
                        + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            // nothing of the file stays: the receipts already recorded above roll back with the transaction
            throw new ImportRejected(errors);
        }
        return new ImportReport(created, unchanged, 0, List.of(), List.of());
    }

    private static ReceiptKind kind(String text) {
        try {
            return ReceiptKind.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_kind", "kind is BENCHMARK (the grid's benchmark part) or SUBSIDY, not '"
                    + text + "'", "kind");
        }
    }

    private static Long fen(String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,11}(\\.\\d{1,2})?")) {
            throw ApiException.badRequest("bad_amount", "amount_yuan is yuan with at most 2 decimals, not '" + text
                    + "'", "amount_yuan");
        }
        return Fen.ofYuan(new BigDecimal(t)).value();
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("bad_date", field + " is a date yyyy-MM-dd, not '" + text + "'", field);
        }
    }
}
