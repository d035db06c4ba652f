package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A batch as the API shows it: accounts masked, skipped lines explained, and the ledger head it was built at
 * ({@code ledgerHead}: "#seq hash", to compare with the books later).
 */
@Serdeable
public record BatchView(long id, BatchState state, long totalFen, int lineCount, List<Line> lines,
                        List<String> skipped, @Nullable String ledgerHead) {

    @Serdeable
    public record Line(long id, long planLineId, String category, String period, long amountFen, String payeeName,
                       String bankAccountMasked, PaymentLineState state, @Nullable String bankReference,
                       @Nullable String message, @Nullable String purpose) {
    }
}
