package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;

/** An account and the Σ of its entries (debit positive; a liability's balance is the negation). */
@Introspected
@Serdeable
public record AccountSum(String account, long total) {
}
