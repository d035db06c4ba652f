package org.yangguang.gateway.registermap;

import org.yangguang.contract.CanonicalPoint;
import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.YamlTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and validates a vendor register map (YAML). Every problem stops start-up with "file:line: path: what",
 * because a silently wrong map publishes plausible-looking wrong numbers for years.
 */
public final class RegisterMapLoader {
    private static final Set<String> TOP = Set.of("name", "model", "kind", "description", "source", "defaults",
            "maxRegistersPerRequest", "maxGap", "identity", "nameplate", "enums", "bitfields", "points", "variants");
    private static final Set<String> POINT = Set.of("name", "address", "fc", "type", "length", "wordOrder", "byteOrder",
            "gain", "scale", "unit", "enum", "bitfield", "invalid");
    /** A nameplate field's register: a point without a name (the key names it). */
    private static final Set<String> FIELD = POINT.stream().filter(k -> !k.equals("name"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private RegisterMapLoader() {
    }

    public static RegisterMap load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read register map: " + e.getMessage());
        }
    }

    /** A map shipped in the gateway jar (resources/maps/NAME.yaml), or null. */
    public static RegisterMap loadShipped(String name) {
        try (InputStream in = RegisterMapLoader.class.getResourceAsStream("/maps/" + name + ".yaml")) {
            if (in == null) {
                return null;
            }
            return parse("maps/" + name + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegisterMap parse(String fileName, String text) {
        YamlTree root = YamlTree.parse(fileName, text).only(TOP);
        String name = root.get("name").text();
        YamlTree defaults = root.opt("defaults").orElse(null);
        int defaultFc = 3;
        boolean defaultWordBig = true;
        boolean defaultByteBig = true;
        if (defaults != null) {
            defaults.only(Set.of("fc", "wordOrder", "byteOrder"));
            defaultFc = defaults.opt("fc").map(RegisterMapLoader::functionCode).orElse(3);
            defaultWordBig = defaults.opt("wordOrder").map(RegisterMapLoader::order).orElse(true);
            defaultByteBig = defaults.opt("byteOrder").map(RegisterMapLoader::order).orElse(true);
        }
        int maxRegisters = root.integer("maxRegistersPerRequest", 125, 1, 125);
        int maxGap = root.integer("maxGap", 8, 0, 125);

        Map<String, Map<Long, String>> enums = new LinkedHashMap<>();
        root.opt("enums").ifPresent(e -> e.mapping().forEach((k, v) -> {
            Map<Long, String> values = new TreeMap<>();
            v.mapping().forEach((code, label) -> values.put(code(v, code), label.text()));
            enums.put(k, values);
        }));
        Map<String, Map<Integer, String>> bitfields = new LinkedHashMap<>();
        root.opt("bitfields").ifPresent(e -> e.mapping().forEach((k, v) -> {
            Map<Integer, String> bits = new TreeMap<>();
            v.mapping().forEach((bit, label) -> {
                long b = code(v, bit);
                if (b < 0 || b > 63) {
                    throw label.error("bit " + bit + " is outside 0..63");
                }
                bits.put((int) b, label.text());
            });
            bitfields.put(k, bits);
        }));

        Defaults d = new Defaults(defaultFc, defaultWordBig, defaultByteBig, maxRegisters, enums, bitfields);
        Map<String, NameplateField> nameplate = new LinkedHashMap<>();
        root.opt("nameplate").ifPresent(n -> n.mapping().forEach((key, v) -> nameplate.put(key, field(key, v, d))));

        List<MapPoint> points = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlTree p : root.get("points").list()) {
            MapPoint mp = point(p, d);
            if (mp.type() == ValueType.STRING) {
                // a string register is read when the device is identified and published in its nameplate
                if (nameplate.containsKey(mp.name())) {
                    throw p.get("name").error("'" + mp.name() + "' is already a nameplate field");
                }
                nameplate.put(mp.name(), new NameplateField(mp.name(), null, mp));
                continue;
            }
            if (!names.add(mp.name())) {
                throw p.get("name").error("point '" + mp.name() + "' is defined twice");
            }
            points.add(mp);
        }
        List<Variant> variants = new ArrayList<>();
        root.opt("variants").ifPresent(vs -> vs.list().forEach(v -> variants.add(variant(v, d, nameplate))));
        if (points.isEmpty() && variants.isEmpty()) {
            throw root.get("points").error("a map needs at least one point");
        }
        MapPoint identity = null;
        String prefix = null;
        if (root.has("identity")) {
            YamlTree id = root.get("identity").only(Set.of("address", "fc", "length", "startsWith"));
            int fc = id.opt("fc").map(RegisterMapLoader::functionCode).orElse(defaultFc);
            int len = id.get("length").asInt(1, 125);
            identity = new MapPoint("identity", fc, id.get("address").asInt(0, 65535), ValueType.STRING, len, true, true,
                    BigDecimal.ONE, "", Map.of(), Map.of(), Set.of(), id.line());
            prefix = id.string("startsWith", null);
        }
        return new RegisterMap(name, root.string("model", name), root.string("kind", "inverter"),
                root.string("description", ""), maxRegisters, maxGap, List.copyOf(points), identity, prefix,
                root.string("source", ""), List.copyOf(nameplate.values()), List.copyOf(variants));
    }

    /** What a point inherits from the map: its defaults, request limit and named enums and bitfields. */
    private record Defaults(int fc, boolean wordBig, boolean byteBig, int maxRegisters,
                            Map<String, Map<Long, String>> enums, Map<String, Map<Integer, String>> bitfields) {
    }

    /** A nameplate field: a fixed text, or a register point (any type, strings too) named by its key. */
    private static NameplateField field(String key, YamlTree v, Defaults d) {
        if (!key.matches("[a-z][a-z0-9_]{0,63}")) {
            throw v.error("nameplate fields are lower_snake_case, was '" + key + "'");
        }
        if (v.isScalar()) {
            String text = org.yangguang.contract.Nameplate.clean(v.text());
            if (text == null || !text.equals(v.text())) {
                throw v.error("a fixed nameplate text must be 1.." + org.yangguang.contract.Nameplate.MAX_VALUE
                        + " printable characters, was '" + v.text() + "'");
            }
            return new NameplateField(key, text, null);
        }
        v.only(FIELD);
        return new NameplateField(key, null, point(v, key, v, d));
    }

    /** {@code {when: {field: value | [values]}, points: [...]}}, checked against the nameplate it tests. */
    private static Variant variant(YamlTree v, Defaults d, Map<String, NameplateField> nameplate) {
        v.only(Set.of("when", "points"));
        Map<String, List<String>> when = new LinkedHashMap<>();
        YamlTree w = v.get("when");
        if (w.mapping().isEmpty()) {
            throw w.error("a variant needs at least one condition (nameplate field: value)");
        }
        w.mapping().forEach((field, values) -> {
            NameplateField f = nameplate.get(field);
            if (f == null) {
                throw values.error("'" + field + "' is not a nameplate field (have " + nameplate.keySet() + ")");
            }
            List<String> accepted = new ArrayList<>();
            for (YamlTree value : values.listOrOne()) {
                accepted.add(checkedValue(f, value));
            }
            when.put(field, List.copyOf(accepted));
        });
        List<MapPoint> points = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlTree p : v.get("points").list()) {
            MapPoint mp = point(p, d);
            if (mp.type() == ValueType.STRING) {
                throw p.get("type").error("string registers are nameplate fields, read before a variant is chosen; "
                        + "declare them under 'nameplate' or 'points'");
            }
            if (!names.add(mp.name())) {
                throw p.get("name").error("point '" + mp.name() + "' is defined twice in this variant");
            }
            points.add(mp);
        }
        if (points.isEmpty()) {
            throw v.get("points").error("a variant needs at least one point");
        }
        return new Variant(when, List.copyOf(points), v.line());
    }

    /** A condition's value as written, after checking that the field can have it (a misspelt model never matches). */
    private static String checkedValue(NameplateField f, YamlTree value) {
        String text = value.text();
        if (!f.isRead()) {
            return text;
        }
        MapPoint p = f.point();
        if (p.type() == ValueType.STRING) {
            return text;
        }
        boolean number;
        try {
            parseCode(text);
            number = true;
        } catch (NumberFormatException e) {
            number = false;
        }
        if (!p.enumValues().isEmpty() && !number && !p.enumValues().containsValue(text)) {
            throw value.error("'" + text + "' is not a value of " + f.name() + " (its enum has "
                    + p.enumValues().values() + ")");
        }
        if (p.enumValues().isEmpty() && !number) {
            throw value.error(f.name() + " is a number; '" + text + "' is not (decimal or 0x hex)");
        }
        return text;
    }

    private static MapPoint point(YamlTree p, Defaults d) {
        p.only(POINT);
        YamlTree nameNode = p.get("name");
        return point(p, nameNode.text(), nameNode, d);
    }

    private static MapPoint point(YamlTree p, String name, YamlTree nameNode, Defaults d) {
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw nameNode.error("point names are lower_snake_case (as in the MQTT contract), was '" + name + "'");
        }
        int defaultFc = d.fc();
        boolean wordBig = d.wordBig();
        boolean byteBig = d.byteBig();
        Map<String, Map<Long, String>> enums = d.enums();
        Map<String, Map<Integer, String>> bitfields = d.bitfields();
        int address = p.get("address").asInt(0, 65535);
        int fc = p.opt("fc").map(RegisterMapLoader::functionCode).orElse(defaultFc);
        YamlTree typeNode = p.get("type");
        ValueType type;
        try {
            type = ValueType.parse(typeNode.text());
        } catch (IllegalArgumentException e) {
            throw typeNode.error("unknown type '" + typeNode.text() + "' (u16, s16, u32, s32, u64, s64, f32, string, bitfield)");
        }
        int size = type.registers();
        if (type == ValueType.STRING || type == ValueType.BITFIELD) {
            size = p.opt("length").map(l -> l.asInt(1, 125)).orElse(type == ValueType.BITFIELD ? 1 : 0);
            if (type == ValueType.BITFIELD && size > 4) {
                throw p.get("length").error("a bitfield is 1, 2 or 4 registers");
            }
            if (size == 0) {
                throw p.error("a string needs 'length' in registers");
            }
        } else if (p.has("length")) {
            throw p.get("length").error("'length' is only for string and bitfield; " + type + " has " + size + " registers");
        }
        if (address + size > 65536) {
            throw p.get("address").error("registers " + address + ".." + (address + size - 1) + " run past 65535");
        }
        if (size > d.maxRegisters()) {
            throw p.error(name + " spans " + size + " registers, more than maxRegistersPerRequest " + d.maxRegisters());
        }
        BigDecimal gain = p.opt("gain").map(RegisterMapLoader::decimal).orElse(BigDecimal.ONE);
        BigDecimal scale = p.opt("scale").map(RegisterMapLoader::decimal).orElse(BigDecimal.ONE);
        if (gain.signum() == 0) {
            throw p.get("gain").error("gain must not be 0");
        }
        BigDecimal factor = scale.divide(gain, MathContext.DECIMAL64).stripTrailingZeros();
        String unit = p.string("unit", "");
        CanonicalPoint canonical = CanonicalPoint.byName(name).orElse(null);
        if (canonical != null && !canonical.unit().equals(unit)) {
            throw (p.has("unit") ? p.get("unit") : p).error(name + " is a canonical point and is always in '"
                    + canonical.unit() + "', not '" + unit + "' (convert with gain/scale)");
        }
        Map<Long, String> enumValues = Map.of();
        if (p.has("enum")) {
            YamlTree e = p.get("enum");
            enumValues = enums.get(e.text());
            if (enumValues == null) {
                throw e.error("no enum '" + e.text() + "' under 'enums' (have " + enums.keySet() + ")");
            }
        }
        Map<Integer, String> bits = Map.of();
        if (p.has("bitfield")) {
            YamlTree b = p.get("bitfield");
            bits = bitfields.get(b.text());
            if (bits == null) {
                throw b.error("no bitfield '" + b.text() + "' under 'bitfields' (have " + bitfields.keySet() + ")");
            }
        } else if (type == ValueType.BITFIELD) {
            throw p.error("type bitfield needs 'bitfield: NAME' naming its bits");
        }
        Set<Long> invalid = new TreeSet<>();
        p.opt("invalid").ifPresent(i -> i.list().forEach(v -> invalid.add(v.asLong())));
        return new MapPoint(name, fc, address, type, size, p.opt("wordOrder").map(RegisterMapLoader::order).orElse(wordBig),
                p.opt("byteOrder").map(RegisterMapLoader::order).orElse(byteBig), factor, unit, enumValues, bits,
                Set.copyOf(invalid), p.line());
    }

    /** A decimal or 0x hex number as maps write them (underscores allowed); NumberFormatException otherwise. */
    static long parseCode(String text) {
        String k = text.trim().replace("_", "");
        return k.startsWith("0x") || k.startsWith("0X") ? Long.parseLong(k.substring(2), 16) : Long.parseLong(k);
    }

    private static long code(YamlTree at, String key) {
        try {
            return parseCode(key);
        } catch (NumberFormatException e) {
            throw at.error("'" + key + "' is not a number (decimal or 0x hex)");
        }
    }

    private static int functionCode(YamlTree t) {
        int fc = t.asInt(1, 127);
        if (fc != 3 && fc != 4) {
            throw t.error("function code must be 3 (holding) or 4 (input), was " + fc);
        }
        return fc;
    }

    private static boolean order(YamlTree t) {
        return switch (t.text().toLowerCase()) {
            case "big" -> true;
            case "little" -> false;
            default -> throw t.error("must be big or little, was '" + t.text() + "'");
        };
    }

    private static BigDecimal decimal(YamlTree t) {
        try {
            return new BigDecimal(t.text());
        } catch (NumberFormatException e) {
            throw t.error("must be a number, was '" + t.text() + "'");
        }
    }
}
