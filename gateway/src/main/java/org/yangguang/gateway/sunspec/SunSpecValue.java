package org.yangguang.gateway.sunspec;

import java.math.BigDecimal;

/**
 * A decoded, implemented SunSpec point. {@code number} is already scaled by its scale factor
 * (null for strings); {@code text} names an enum value, lists set bit-field flags separated by "|",
 * or holds a string point's text. Unimplemented points have no SunSpecValue at all.
 */
public record SunSpecValue(BigDecimal number, String text) {
}
