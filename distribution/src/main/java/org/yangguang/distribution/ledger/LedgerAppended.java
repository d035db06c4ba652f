package org.yangguang.distribution.ledger;

/** The head moved to entry {@code seq}; checkpointed once the transaction commits. */
public record LedgerAppended(String ledgerId, long seq, String hash) {
}
