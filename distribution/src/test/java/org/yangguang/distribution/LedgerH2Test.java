package org.yangguang.distribution;

class LedgerH2Test extends LedgerSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
