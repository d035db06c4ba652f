package org.yangguang.contract;

import java.util.Objects;

/**
 * One decoded value. {@code text} is set for enumerations and bit fields (e.g. "MPPT", "GROUND_FAULT|OVER_TEMP").
 * A value the device does not implement is absent from the message, never 0.
 */
public record PointValue(double value, String unit, String text) {
    public PointValue {
        Objects.requireNonNull(unit, "unit");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("point value must be finite, was " + value);
        }
    }

    public static PointValue of(double value, String unit) {
        return new PointValue(value, unit, null);
    }
}
