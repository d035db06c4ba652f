package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/**
 * A party's part of one priced day: a village ({@code villageId}), the county pool, or the rest. {@code parts} of
 * {@code wholeParts} is the share in force that day.
 */
@MappedEntity("loss_share")
record LossShare(@Id @GeneratedValue @Nullable Long id, Long dayId, Long episodeId, LocalDate lossDate, Party party,
                 @Nullable Long villageId, long parts, long wholeParts, long lostFen) {

    enum Party { VILLAGE, POOL, REST }
}
