-- Append-only ledger chained by SHA-256 (see ledger.LedgerEntry for the hashed fields). The application never
-- updates or deletes a row; a correction is a reversing entry. ledger_head serialises appends.
CREATE TABLE ledger_entry (
    seq          BIGINT       NOT NULL PRIMARY KEY,
    at_micros    BIGINT       NOT NULL,
    account      VARCHAR(96)  NOT NULL,
    kind         VARCHAR(24)  NOT NULL,
    amount_fen   BIGINT       NOT NULL,
    reference    VARCHAR(128) NOT NULL,
    reverses_seq BIGINT,
    actor        VARCHAR(64)  NOT NULL,
    prev_hash    VARCHAR(64)  NOT NULL,
    hash         VARCHAR(64)  NOT NULL UNIQUE
);
CREATE INDEX ledger_entry_account ON ledger_entry (account);
CREATE UNIQUE INDEX ledger_entry_reversal_once ON ledger_entry (reverses_seq);

CREATE TABLE ledger_head (
    id        INT         NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO ledger_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
