package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * An operator confirms a pending device: optionally its rated kWp (a scan cannot read what the station's design
 * says) and a different telemetry code; the reason goes to the audit trail.
 */
@Serdeable
public record DeviceConfirmation(@Nullable BigDecimal capacityKwp, @Nullable String code, @Nullable String reason) {
}
