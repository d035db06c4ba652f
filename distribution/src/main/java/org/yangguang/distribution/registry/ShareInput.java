package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** One line of a share set as submitted: village code and its percent of the station. */
@Serdeable
public record ShareInput(@Nullable String village, @Nullable BigDecimal percent) {
}
