package org.yangguang.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a device says about itself: the texts on its nameplate, read by the gateway when it identifies the device
 * (at discovery and after every reconnect) from SunSpec model 1 or a vendor map's identity registers. Keys are
 * lower_snake_case; the ones every reader understands are {@link #MANUFACTURER}, {@link #MODEL}, {@link #OPTIONS},
 * {@link #VERSION} (firmware) and {@link #SERIAL} (SunSpec model 1's Mn, Md, Opt, Vr, SN); a vendor map may add
 * its own (Huawei's {@code part_number}, Sungrow's {@code output_type}). A device that reads none has an empty one.
 *
 * <p>The serial number is what tells one physical unit from another: {@link #isSwapFrom} is the rule for an
 * inverter swap (docs/mqtt-contract.md, "Device nameplate").
 */
public record Nameplate(Map<String, String> fields) {
    public static final String MANUFACTURER = "manufacturer";
    public static final String MODEL = "model";
    public static final String OPTIONS = "options";
    public static final String VERSION = "version";
    public static final String SERIAL = "serial";
    /** Longest value kept: SunSpec's longest nameplate string is 32 characters, Huawei's 30. */
    public static final int MAX_VALUE = 64;
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Nameplate EMPTY = new Nameplate(Map.of());

    public Nameplate {
        Map<String, String> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            String problem = problem(k, v);
            if (problem != null) {
                throw new IllegalArgumentException("nameplate " + problem);
            }
            copy.put(k, v);
        });
        fields = Collections.unmodifiableMap(copy);
    }

    public static Nameplate empty() {
        return EMPTY;
    }

    public static Nameplate of(Map<String, String> fields) {
        return new Nameplate(fields);
    }

    /** What is wrong with one field, or null: the decoder and the constructor apply the same rule. */
    static String problem(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            return "key '" + key + "' must match " + KEY.pattern();
        }
        if (value == null || value.isEmpty()) {
            return key + " is empty (leave an unread field out)";
        }
        if (value.length() > MAX_VALUE) {
            return key + " is longer than " + MAX_VALUE + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return key + " holds a control character at " + i;
            }
        }
        return null;
    }

    /**
     * A register text as a nameplate value: control characters and the padding around it removed, cut to
     * {@link #MAX_VALUE}; null when nothing printable is left (a device answering zeros or 0xFF for "not set").
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isISOControl(c) && c != '\uFFFD') {
                b.append(c);
            }
        }
        String s = b.toString().trim();
        if (s.length() > MAX_VALUE) {
            s = s.substring(0, MAX_VALUE).trim();
        }
        return s.isEmpty() ? null : s;
    }

    public String get(String key) {
        return fields.get(key);
    }

    public String serial() {
        return fields.get(SERIAL);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * Whether this nameplate names another physical unit than {@code before}: both carry a serial number and they
     * differ. A unit whose serial could not be read (before or now) is never taken for a swap; a new firmware
     * version or a changed option is not one either.
     */
    public boolean isSwapFrom(Nameplate before) {
        return before != null && before.serial() != null && serial() != null && !before.serial().equals(serial());
    }
}
