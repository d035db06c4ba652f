package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where a device's link is: Modbus TCP ({@code host}, {@code port}, default 502) or RTU on an RS-485 serial port
 * ({@code serialPort} with {@code baud}, {@code parity}, {@code stopBits}; the gateway's defaults when absent).
 */
@Serdeable
public record DeviceLink(@Nullable String host, @Nullable Integer port, @Nullable String serialPort,
                         @Nullable Integer baud, @Nullable String parity, @Nullable Integer stopBits) {
}
