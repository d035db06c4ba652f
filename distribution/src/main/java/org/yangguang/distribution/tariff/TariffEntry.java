package org.yangguang.distribution.tariff;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One configured tariff: {@code yangguang.tariffs.<name>.batch|resource-zone|effective-from|yuan-per-kwh|
 * benchmark-yuan-per-kwh}. Several entries for the same batch and zone with different effective-from dates
 * make the tariff effective-dated. Loaded into the {@code tariff} table at start-up by {@link TariffLoader}.
 */
@EachProperty("yangguang.tariffs")
public final class TariffEntry {
    private final String name;
    private String batch;
    private String resourceZone;
    private LocalDate effectiveFrom;
    private BigDecimal yuanPerKwh;
    private BigDecimal benchmarkYuanPerKwh = BigDecimal.ZERO;

    public TariffEntry(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getBatch() {
        return batch;
    }

    public void setBatch(String batch) {
        this.batch = batch;
    }

    public String getResourceZone() {
        return resourceZone;
    }

    public void setResourceZone(String resourceZone) {
        this.resourceZone = resourceZone;
    }

    public LocalDate getEffectiveFrom() {
        return effectiveFrom;
    }

    public void setEffectiveFrom(LocalDate effectiveFrom) {
        this.effectiveFrom = effectiveFrom;
    }

    public BigDecimal getYuanPerKwh() {
        return yuanPerKwh;
    }

    public void setYuanPerKwh(BigDecimal yuanPerKwh) {
        this.yuanPerKwh = yuanPerKwh;
    }

    public BigDecimal getBenchmarkYuanPerKwh() {
        return benchmarkYuanPerKwh;
    }

    public void setBenchmarkYuanPerKwh(BigDecimal benchmarkYuanPerKwh) {
        this.benchmarkYuanPerKwh = benchmarkYuanPerKwh;
    }
}
