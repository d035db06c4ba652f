package org.yangguang.gateway.sunspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A SunSpec model definition, read from the SunSpec Alliance's JSON files shipped in resources/sunspec
 * (Apache-2.0). Decoding is driven by these definitions rather than hand-written offsets, so the offsets
 * cannot drift from the specification.
 *
 * @param fixed      points of the fixed block, offsets counted from the ID register
 * @param fixedSize  registers of the fixed block including ID and L
 * @param repeating  points of the repeating group (model 160 "module"), offsets within one repetition;
 *                   empty when the model has none
 * @param repeatSize registers of one repetition (0 when none)
 */
public record ModelDef(int id, String name, List<PointDef> fixed, int fixedSize, String repeatingName,
                       List<PointDef> repeating, int repeatSize) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<Integer, Optional<ModelDef>> CACHE = new ConcurrentHashMap<>();

    /** The shipped definition of model {@code id}, if this gateway knows it. */
    public static Optional<ModelDef> of(int id) {
        return CACHE.computeIfAbsent(id, ModelDef::load);
    }

    public Optional<PointDef> point(String pointName) {
        return fixed.stream().filter(p -> p.name().equals(pointName)).findFirst();
    }

    private static Optional<ModelDef> load(int id) {
        try (InputStream in = ModelDef.class.getResourceAsStream("/sunspec/model_" + id + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode group = MAPPER.readTree(in).path("group");
            List<PointDef> fixed = points(group.path("points"));
            int fixedSize = fixed.isEmpty() ? 0
                    : fixed.get(fixed.size() - 1).offset() + fixed.get(fixed.size() - 1).size();
            List<PointDef> repeating = List.of();
            String repeatingName = null;
            int repeatSize = 0;
            for (JsonNode g : group.path("groups")) {
                // The models we ship have at most one repeating group (160: "module").
                repeatingName = g.path("name").asText();
                repeating = points(g.path("points"));
                if (!repeating.isEmpty()) {
                    PointDef last = repeating.get(repeating.size() - 1);
                    repeatSize = last.offset() + last.size();
                }
            }
            return Optional.of(new ModelDef(id, group.path("name").asText(), fixed, fixedSize, repeatingName,
                    repeating, repeatSize));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SunSpec model " + id, e);
        }
    }

    /**
     * The published model_111.json names its St symbols "ggOFF", "ggMPPT", ... (a typo in the SunSpec
     * repository; 101-103 and 112-113 say "OFF", "MPPT"). Operators must see the same text for the same state.
     */
    static String symbolName(String name) {
        return name.startsWith("gg") && name.length() > 2 && Character.isUpperCase(name.charAt(2)) ? name.substring(2) : name;
    }

    private static List<PointDef> points(JsonNode array) {
        List<PointDef> out = new ArrayList<>();
        int offset = 0;
        for (JsonNode p : array) {
            PointType type = PointType.of(p.path("type").asText());
            int size = p.path("size").asInt(type.registers());
            Map<Long, String> symbols = new LinkedHashMap<>();
            for (JsonNode s : p.path("symbols")) {
                symbols.put(s.path("value").asLong(), symbolName(s.path("name").asText()));
            }
            out.add(new PointDef(p.path("name").asText(), type, offset, size,
                    p.hasNonNull("sf") ? p.get("sf").asText() : null,
                    p.hasNonNull("units") ? p.get("units").asText() : null,
                    Collections.unmodifiableMap(symbols)));
            offset += size;
        }
        return List.copyOf(out);
    }
}
