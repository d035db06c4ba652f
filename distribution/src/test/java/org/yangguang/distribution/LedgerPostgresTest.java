package org.yangguang.distribution;

class LedgerPostgresTest extends LedgerSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
