package org.yangguang.distribution.ledger;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** Transaction {@code tx} reverses {@code reversesTx}; the primary key lets each be reversed once. */
@MappedEntity("ledger_reversal")
record LedgerReversal(@Id long reversesTx, long tx) {
}
