package org.yangguang.distribution;

/** {@link LedgerStateMachine} on PostgreSQL. */
class LedgerStateMachinePostgresTest extends LedgerStateMachine {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
