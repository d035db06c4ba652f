package org.yangguang.distribution;

/** {@link DatabaseSuite} on the machine's PostgreSQL, in a freshly created database. */
class PostgresSuiteTest extends DatabaseSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }
}
