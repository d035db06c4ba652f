package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An account to create for one person (name and resident ID number, both required: one account per person):
 * village code for committee members, township code for reviewers.
 */
@Serdeable
public record NewAccount(@Nullable String username, @Nullable String password, @Nullable Role role,
                         @Nullable String village, @Nullable String township, @Nullable String personName,
                         @Nullable String idNumber, @Nullable String reason) {
}
