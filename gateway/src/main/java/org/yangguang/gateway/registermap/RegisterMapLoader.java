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
            "maxRegistersPerRequest", "maxGap", "identity", "enums", "bitfields", "points");
    private static final Set<String> POINT = Set.of("name", "address", "fc", "type", "length", "wordOrder", "byteOrder",
            "gain", "scale", "unit", "enum", "bitfield", "invalid");

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

        List<MapPoint> points = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlTree p : root.get("points").list()) {
            MapPoint mp = point(p, defaultFc, defaultWordBig, defaultByteBig, enums, bitfields);
            if (mp.type() == ValueType.STRING) {
                throw p.get("type").error("string registers cannot be published as a point (values are numbers); "
                        + "use 'identity' for model names");
            }
            if (mp.size() > maxRegisters) {
                throw p.error(mp.name() + " spans " + mp.size() + " registers, more than maxRegistersPerRequest " + maxRegisters);
            }
            if (!names.add(mp.name())) {
                throw p.get("name").error("point '" + mp.name() + "' is defined twice");
            }
            points.add(mp);
        }
        if (points.isEmpty()) {
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
                root.string("source", ""));
    }

    private static MapPoint point(YamlTree p, int defaultFc, boolean wordBig, boolean byteBig,
                                  Map<String, Map<Long, String>> enums, Map<String, Map<Integer, String>> bitfields) {
        p.only(POINT);
        YamlTree nameNode = p.get("name");
        String name = nameNode.text();
        if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw nameNode.error("point names are lower_snake_case (as in the MQTT contract), was '" + name + "'");
        }
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

    private static long code(YamlTree at, String key) {
        try {
            String k = key.trim().replace("_", "");
            return k.startsWith("0x") || k.startsWith("0X") ? Long.parseLong(k.substring(2), 16) : Long.parseLong(k);
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
