package org.yangguang.distribution.tariff;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The poverty-alleviation tariff for one (batch, resource zone), in force from {@code effectiveFrom} until the
 * next row for the same pair. Yuan per kWh with 4 decimals, VAT included. {@code benchmarkYuanPerKwh} is the
 * coal-benchmark part the grid pays; the rest is renewable subsidy, paid later (policy-notes §3).
 */
@Serdeable
@MappedEntity("tariff")
public record Tariff(@Id @GeneratedValue @Nullable Long id,
                     String tariffBatch,
                     String resourceZone,
                     LocalDate effectiveFrom,
                     BigDecimal yuanPerKwh,
                     BigDecimal benchmarkYuanPerKwh) {
}
