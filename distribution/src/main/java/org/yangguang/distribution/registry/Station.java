package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A station. {@code code} is the same id the telemetry uses ({@code station} tag in InfluxDB);
 * {@code tariffBatch} and {@code resourceZone} select the tariff; {@code povertySharePercent} is the part of a
 * centralized station's revenue that belongs to the county pool (100 for village and joint stations).
 */
@Serdeable
@MappedEntity("station")
public record Station(@Id @GeneratedValue @Nullable Long id,
                      String code,
                      String name,
                      StationKind kind,
                      Long countyId,
                      BigDecimal capacityKwp,
                      LocalDate gridDate,
                      String tariffBatch,
                      String resourceZone,
                      BigDecimal povertySharePercent) {
}
