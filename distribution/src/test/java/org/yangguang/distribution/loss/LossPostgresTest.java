package org.yangguang.distribution.loss;

import org.yangguang.distribution.DistributionApp;

import java.util.Map;

class LossPostgresTest extends LossSuite {
    @Override
    Map<String, Object> database() {
        return DistributionApp.postgres("yg_loss_test");
    }
}
