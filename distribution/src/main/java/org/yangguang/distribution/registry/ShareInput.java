package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** One line of a share set as submitted: the village and its share, as {@code parts} of the set's whole or a percent. */
@Serdeable
public record ShareInput(@Nullable String village, @Nullable BigDecimal percent, @Nullable Long parts) {
    @io.micronaut.core.annotation.Creator
    public ShareInput {
    }

    public ShareInput(String village, BigDecimal percent) {
        this(village, percent, null);
    }
}
