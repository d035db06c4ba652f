package org.yangguang.distribution.transparency;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Everything the QR page shows: this household's payments, with its name masked, and nothing about others. */
@Serdeable
public record HouseholdPage(String household, String village, List<Payment> payments, long totalPaidFen) {

    @Serdeable
    public record Payment(String period, String category, long amountFen, String state, String paidInto) {
    }
}
