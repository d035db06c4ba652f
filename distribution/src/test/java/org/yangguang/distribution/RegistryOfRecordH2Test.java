package org.yangguang.distribution;

class RegistryOfRecordH2Test extends RegistryOfRecordSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
