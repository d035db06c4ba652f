package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/** Cash that arrived in the dedicated account (专户) for a station: the grid's benchmark part or subsidy. */
@Serdeable
@MappedEntity("receipt")
public record Receipt(@Id @GeneratedValue @Nullable Long id, Long stationId, ReceiptKind kind, long amountFen,
                      LocalDate receivedOn, String reference, String recordedBy, Instant recordedAt) {
}
