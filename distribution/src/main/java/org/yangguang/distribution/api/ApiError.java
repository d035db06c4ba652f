package org.yangguang.distribution.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of every error response: a stable machine code, a message for people, and the offending field. */
@Serdeable
public record ApiError(String code, String message, @Nullable String field) {
}
