package org.yangguang.distribution.registry;

import io.micronaut.serde.annotation.Serdeable;

/** One reported unit: the device it is in the registry and whether the report made it (NEW), refreshed a pending
 * one (UPDATED) or found it confirmed already (KNOWN; a different serial there is flagged by {@code serialDiffers}). */
@Serdeable
public record ScanOutcome(int unit, String device, DeviceState state, String outcome, boolean serialDiffers) {
}
