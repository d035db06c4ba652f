package org.yangguang.distribution.ledger.migration;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/** H2's side of {@link LedgerAppendOnly}: every UPDATE or DELETE of a ledger entry fails, saying why. */
public final class RefuseLedgerChange implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("ledger_entry is append-only: " + (newRow == null ? "DELETE" : "UPDATE")
                + " refused; a correction is a new reversing entry", "42501");
    }
}
