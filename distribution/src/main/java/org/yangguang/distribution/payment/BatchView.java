package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A batch as the API shows it: accounts masked, skipped lines explained. */
@Serdeable
public record BatchView(long id, String state, long totalFen, int lineCount, List<Line> lines, List<String> skipped) {

    @Serdeable
    public record Line(long id, long planLineId, String category, String period, long amountFen, String payeeName,
                       String bankAccountMasked, String state, @Nullable String bankReference,
                       @Nullable String message) {
    }
}
