package org.yangguang.gateway.sunspec;

import java.util.Map;

/**
 * One point of a SunSpec model definition.
 *
 * @param offset  registers from the start of its group instance (the model's ID register is offset 0)
 * @param size    registers
 * @param sf      name of the scale-factor point, or an integer literal, or null
 * @param units   SunSpec units ("W", "C", "Pct"...) or null
 * @param symbols enum value or bit number → symbol name (empty when the point has none)
 */
public record PointDef(String name, PointType type, int offset, int size, String sf, String units,
                       Map<Long, String> symbols) {
}
