package org.yangguang.gateway.registermap;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * One register point of a vendor map.
 *
 * @param functionCode 3 (holding) or 4 (input)
 * @param size         registers
 * @param wordBig      most significant word first (false: Sungrow-style low word first)
 * @param byteBig      most significant byte first within a word
 * @param factor       raw x factor = value in {@code unit} (scale / gain from the map)
 * @param enumValues   raw value → name, for states and fault codes (empty if none)
 * @param bits         bit number → name, for bitfields (empty if none)
 * @param invalid      raw values that mean "not available" (left out, never 0)
 * @param line         line in the map file, for error messages
 */
public record MapPoint(String name, int functionCode, int address, ValueType type, int size, boolean wordBig,
                       boolean byteBig, BigDecimal factor, String unit, Map<Long, String> enumValues,
                       Map<Integer, String> bits, Set<Long> invalid, int line) {
    public int end() {
        return address + size;
    }
}
