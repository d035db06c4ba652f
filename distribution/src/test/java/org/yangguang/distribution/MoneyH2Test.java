package org.yangguang.distribution;

/** {@link MoneySuite} on embedded H2 (PostgreSQL mode). */
class MoneyH2Test extends MoneySuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
