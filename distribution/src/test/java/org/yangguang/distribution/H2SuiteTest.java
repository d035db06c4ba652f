package org.yangguang.distribution;

/** {@link DatabaseSuite} on embedded H2 (PostgreSQL mode). */
class H2SuiteTest extends DatabaseSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }
}
