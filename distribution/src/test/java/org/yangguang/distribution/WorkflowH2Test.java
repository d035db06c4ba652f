package org.yangguang.distribution;

class WorkflowH2Test extends WorkflowSuite {
    @Override
    SharedApps.Db db() {
        return SharedApps.Db.H2;
    }

}
