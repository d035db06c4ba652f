package org.yangguang.distribution;

/** {@link MoneySuite} on PostgreSQL, in a freshly created database. */
class MoneyPostgresTest extends MoneySuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
