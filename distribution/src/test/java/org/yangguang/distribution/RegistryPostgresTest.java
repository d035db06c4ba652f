package org.yangguang.distribution;

class RegistryPostgresTest extends RegistrySuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
