package org.yangguang.distribution.post;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** A post to create: type, the holder's household registration number and member id, wage in fen, term. */
@Serdeable
public record NewPost(@Nullable PostType type, @Nullable Long holderMemberId, @Nullable Long monthlyWageFen,
                      @Nullable LocalDate termStart, @Nullable LocalDate termEnd, @Nullable String reason) {
}
