package org.yangguang.distribution;

class WorkflowPostgresTest extends WorkflowSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.POSTGRES;
    }

}
