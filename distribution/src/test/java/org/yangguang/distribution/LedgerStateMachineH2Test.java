package org.yangguang.distribution;

/** {@link LedgerStateMachine} on embedded H2 (PostgreSQL mode). */
class LedgerStateMachineH2Test extends LedgerStateMachine {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
