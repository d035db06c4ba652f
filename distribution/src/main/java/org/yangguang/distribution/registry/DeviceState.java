package org.yangguang.distribution.registry;

/**
 * Where a device stands in the registry. A scan reports what answered on a link (PENDING); an operator who knows the
 * station confirms it (ACTIVE) — only then do the collector and the gateway's station.yaml take it; a device taken
 * out of service is RETIRED (its history stays, its code is not reused).
 */
public enum DeviceState {
    PENDING, ACTIVE, RETIRED
}
