package org.yangguang.distribution;

import java.util.Map;

/** {@link DatabaseSuite} on embedded H2 (PostgreSQL mode). */
class H2SuiteTest extends DatabaseSuite {
    @Override
    Map<String, Object> database() {
        return DistributionApp.h2();
    }
}
