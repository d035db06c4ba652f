package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What {@code gateway scan --register} found on one link of a station: per unit id the kind, how it is read
 * (SunSpec, or {@code registerMap}) and the nameplate it gave. Recorded as PENDING devices for an operator.
 */
@Serdeable
public record ScanReport(@Nullable String gateway, @Nullable DeviceLink link, @Nullable List<Found> found) {

    @Serdeable
    public record Found(@Nullable Integer unit, @Nullable String kind, @Nullable String registerMap,
                        @Nullable String make, @Nullable String model, @Nullable String serial,
                        @Nullable String firmware) {
    }
}
