package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The one row that serialises appends: the last entry and transaction, and this ledger's id. */
@MappedEntity("ledger_head")
record LedgerHead(@Id int id, long lastSeq, String lastHash, long lastTx, @Nullable String ledgerId) {
}
