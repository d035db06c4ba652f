package org.yangguang.distribution.loss;

import org.yangguang.distribution.DistributionApp;

import java.util.Map;

class LossH2Test extends LossSuite {
    @Override
    Map<String, Object> database() {
        return DistributionApp.h2();
    }
}
