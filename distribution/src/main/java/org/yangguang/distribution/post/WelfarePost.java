package org.yangguang.distribution.post;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.time.YearMonth;

/** A welfare post held by one person for a term, paid monthly against attendance. */
@Serdeable
@MappedEntity("welfare_post")
public record WelfarePost(@Id @GeneratedValue @Nullable Long id, Long villageId, PostType postType,
                         Long holderMemberId, long monthlyWageFen, LocalDate termStart, LocalDate termEnd) {

    public boolean covers(YearMonth month) {
        return !termStart.isAfter(month.atEndOfMonth()) && !termEnd.isBefore(month.atDay(1));
    }
}
