package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

@Serdeable
@MappedEntity("plan_category")
public record PlanCategory(@Id @GeneratedValue @Nullable Long id, Long planId, String code, BigDecimal percent,
                           long budgetFen, long unspentFen) {
}
