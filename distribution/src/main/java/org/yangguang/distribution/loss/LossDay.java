package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One local day of an episode: its lost energy, the tariff in force that day, and the fen (rounded once). */
@MappedEntity("loss_day")
record LossDay(@Id @GeneratedValue @Nullable Long id, Long episodeId, LocalDate lossDate, long lostWh,
               @Nullable String method, BigDecimal yuanPerKwh, long lostFen) {
}
