package org.yangguang.gateway.registermap;

import org.yangguang.contract.Nameplate;

import java.util.Map;

/**
 * What identification read from a device with a vendor map: its {@link Nameplate} (the texts published) and the
 * raw numbers of its numeric fields, which {@link Variant}s may test.
 */
public record MapIdentity(Nameplate nameplate, Map<String, Long> raw) {
    public static final MapIdentity NONE = new MapIdentity(Nameplate.empty(), Map.of());

    public MapIdentity {
        raw = Map.copyOf(raw);
    }

    /** Whether field {@code field} has the value {@code value}: its text (glob) or, for a number, its raw value. */
    boolean matches(String field, String value) {
        String text = nameplate.get(field);
        if (text != null && Variant.glob(value, text)) {
            return true;
        }
        Long number = raw.get(field);
        if (number == null) {
            return false;
        }
        try {
            return RegisterMapLoader.parseCode(value) == number;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
