package org.yangguang.distribution;

class SettlementPostgresTest extends SettlementSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
