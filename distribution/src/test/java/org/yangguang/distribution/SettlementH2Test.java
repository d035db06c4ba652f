package org.yangguang.distribution;

class SettlementH2Test extends SettlementSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
