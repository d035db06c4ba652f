package org.yangguang.distribution.transparency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Everything the QR page shows: this household's payments and objections, with its name masked, nothing about
 * others, and the ledger's head when the page was made ({@code ledgerHead}, "#seq hash": anyone can later check
 * that the books still hold that entry). A payment's {@code category} is the policy's code and its {@code state}
 * PAID or IN_BATCH: the page says them in the reader's language.
 */
@Serdeable
public record HouseholdPage(String household, String village, List<Payment> payments, long totalPaidFen,
                            List<ObjectionRow> objections, String ledgerHead) {

    @Serdeable
    public record Payment(String period, String category, long amountFen, String state, String paidInto) {
    }

    @Serdeable
    public record ObjectionRow(String raisedOn, String text, String state, @Nullable String resolution) {
    }
}
