package org.yangguang.distribution.post;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** 签到记工 for one post and month ({@code period} = yyyy-MM). */
@Serdeable
@MappedEntity("attendance")
public record Attendance(@Id @GeneratedValue @Nullable Long id, Long postId, String period, int daysWorked,
                         int daysRequired, String recordedBy, Instant recordedAt) {
}
