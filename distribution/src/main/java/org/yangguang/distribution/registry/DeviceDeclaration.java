package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** A device an admin registers directly as ACTIVE (known from the station's documents), with the audit reason. */
@Serdeable
public record DeviceDeclaration(@Nullable String code, @Nullable String kind, @Nullable BigDecimal capacityKwp,
                                @Nullable String make, @Nullable String model, @Nullable String serial,
                                @Nullable String firmware, @Nullable String gateway, @Nullable DeviceLink link,
                                @Nullable Integer unit, @Nullable String registerMap, @Nullable String reason) {
}
