package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * A grid settlement statement: on-grid energy, the benchmark amount the grid pays, tax, and the subsidy the
 * tariff implies (expected, paid later). {@code telemetryWh} is the inverters' energy for the same days;
 * {@code flagged} when the two differ by more than the configured tolerance or telemetry was unavailable.
 */
@Serdeable
@MappedEntity("settlement_statement")
public record Statement(@Id @GeneratedValue @Nullable Long id, Long stationId, String statementNo,
                        LocalDate periodStart, LocalDate periodEnd, long onGridWh, long benchmarkFen, long taxFen,
                        long expectedSubsidyFen, @Nullable Long telemetryWh, boolean flagged,
                        @Nullable String flagReason, Long importId) {
}
