package org.yangguang.distribution;

class TransparencyPostgresTest extends TransparencySuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
