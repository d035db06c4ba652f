package org.yangguang.distribution.post;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of POST /api/posts/{id}/attendance. */
@Serdeable
public record AttendanceRequest(@Nullable String period, int daysWorked, int daysRequired, @Nullable String reason) {
}
