package org.yangguang.distribution;

class TransparencyH2Test extends TransparencySuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
