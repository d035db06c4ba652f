package org.yangguang.distribution;

import java.util.Map;

/** {@link DatabaseSuite} on the machine's PostgreSQL, in a freshly created database. */
class PostgresSuiteTest extends DatabaseSuite {
    @Override
    Map<String, Object> database() {
        return DistributionApp.postgres("yg_dist_test");
    }
}
