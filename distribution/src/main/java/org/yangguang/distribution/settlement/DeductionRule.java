package org.yangguang.distribution.settlement;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.math.BigDecimal;

/**
 * A deduction before distribution (policy-notes §6.2: land/forest fees, rent, O&M, insurance, taxes paid on
 * the village's behalf): {@code yangguang.deductions.<name>.order} (applied in ascending order) and either
 * {@code .percent} (of what remains after the earlier deductions) or {@code .fixed-fen} (per request period).
 * A deduction never takes more than what remains.
 */
@EachProperty("yangguang.deductions")
public final class DeductionRule {
    private final String name;
    private int order;
    private BigDecimal percent;
    private Long fixedFen;

    public DeductionRule(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    public BigDecimal getPercent() {
        return percent;
    }

    public void setPercent(BigDecimal percent) {
        this.percent = percent;
    }

    public Long getFixedFen() {
        return fixedFen;
    }

    public void setFixedFen(Long fixedFen) {
        this.fixedFen = fixedFen;
    }
}
