package org.yangguang.distribution;

class RegistryH2Test extends RegistrySuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
