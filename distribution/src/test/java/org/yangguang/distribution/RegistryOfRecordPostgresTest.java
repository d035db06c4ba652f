package org.yangguang.distribution;

class RegistryOfRecordPostgresTest extends RegistryOfRecordSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
