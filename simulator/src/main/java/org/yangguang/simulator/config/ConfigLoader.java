package org.yangguang.simulator.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.yangguang.simulator.station.Faults;
import org.yangguang.simulator.sunspec.SunSpec;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads sim.yaml through SnakeYAML's node tree (not its object binding), so every error can say which line and
 * key is wrong, and unknown keys are rejected instead of silently ignored.
 */
final class ConfigLoader {

    private static final Set<String> STATION_KEYS = Set.of("station", "latitude", "longitude", "host", "port",
            "portPerInverter", "sunspecBase", "seed", "cloudiness", "updateInterval", "offlineHold", "inverters");
    private static final Set<String> INVERTER_KEYS = Set.of("unit", "ratedPowerW", "serial", "model", "energyWh",
            "faults", "yieldFactor");
    private static final Set<String> FAULT_KEYS = Set.of("offline", "zeroOutput", "alarm", "slowResponse", "derate");

    private final String file;

    private ConfigLoader(String file) {
        this.file = file;
    }

    static SimulatorConfig load(Path path) {
        ConfigLoader loader = new ConfigLoader(path.toString());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(reader);
            if (root == null) {
                throw new ConfigException(path + ": the file is empty");
            }
            return loader.station(root);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read (" + e.getMessage() + ")", e);
        } catch (YAMLException e) {
            throw new ConfigException(path + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private SimulatorConfig station(Node root) {
        Map<String, Node> m = mapping(root, "the top level", STATION_KEYS);
        SimulatorConfig d = SimulatorConfig.defaults();
        Node invertersNode = m.get("inverters");
        if (invertersNode == null) {
            throw error(root, "inverters is missing: list at least one inverter");
        }
        if (!(invertersNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(invertersNode, "inverters must be a non-empty list");
        }
        List<InverterConfig> inverters = new ArrayList<>();
        List<Node> items = seq.getValue();
        Set<Integer> units = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            InverterConfig inverter = inverter(items.get(i), "inverters[" + i + "]");
            if (!units.add(inverter.unit())) {
                throw error(items.get(i), "inverters[" + i + "]: unit " + inverter.unit() + " appears twice");
            }
            inverters.add(inverter);
        }
        Duration update = m.containsKey("updateInterval") ? duration(m.get("updateInterval"), "updateInterval") : Duration.ofSeconds(1);
        return build(root, () -> new SimulatorConfig(
                string(m, "station", "station", d.stationId()),
                decimal(m, "latitude", d.latitudeDeg(), -90, 90),
                decimal(m, "longitude", d.longitudeDeg(), -180, 180),
                string(m, "host", "host", d.host()),
                (int) integer(m, "port", 0, 0, 65_535),
                bool(m.get("portPerInverter"), "portPerInverter", false),
                sunspecBase(m),
                integer(m, "seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                decimal(m, "cloudiness", 0.0, 0, 1),
                positive(m.get("updateInterval"), "updateInterval", update),
                m.containsKey("offlineHold") ? positive(m.get("offlineHold"), "offlineHold", duration(m.get("offlineHold"), "offlineHold")) : d.offlineHold(),
                Duration.ZERO,
                inverters));
    }

    private int sunspecBase(Map<String, Node> m) {
        long base = integer(m, "sunspecBase", 40_000, 0, 65_535);
        if (!SunSpec.BASE_ADDRESSES.contains((int) base)) {
            throw error(m.get("sunspecBase"), "sunspecBase must be 40000, 0 or 50000 (the addresses SunSpec clients probe), got " + base);
        }
        return (int) base;
    }

    private InverterConfig inverter(Node node, String where) {
        Map<String, Node> m = mapping(node, where, INVERTER_KEYS);
        if (!m.containsKey("unit")) {
            throw error(node, where + ".unit is missing");
        }
        if (!m.containsKey("ratedPowerW")) {
            throw error(node, where + ".ratedPowerW is missing");
        }
        int unit = (int) integer(m, "unit", where + ".unit", 0, 1, 247);
        long rated = integer(m, "ratedPowerW", where + ".ratedPowerW", 0, 1_000, 2_000_000);
        String serial = string(m, "serial", where + ".serial", String.format("SIM-%04d", unit));
        String model = string(m, "model", where + ".model", null);
        long energy = integer(m, "energyWh", where + ".energyWh", rated * InverterConfig.DEFAULT_FULL_LOAD_HOURS, 1, 0xFFFF_FFFFL);
        Faults faults = m.containsKey("faults") ? faults(m.get("faults"), where + ".faults") : Faults.NONE;
        double yield = decimal(m, "yieldFactor", where + ".yieldFactor", 1.0, 0.5, 1.2);
        return build(node, () -> new InverterConfig(unit, rated, serial, model, energy, faults, yield));
    }

    private Faults faults(Node node, String where) {
        Map<String, Node> m = mapping(node, where, FAULT_KEYS);
        long alarm = 0;
        Node alarmNode = m.get("alarm");
        if (alarmNode instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String name = scalar(item, where + ".alarm");
                try {
                    alarm |= SunSpec.Event1.valueOf(name.trim().toUpperCase()).mask();
                } catch (IllegalArgumentException e) {
                    throw error(item, where + ".alarm: unknown Evt1 event \"" + name + "\"; known: "
                            + Arrays.toString(SunSpec.Event1.values()));
                }
            }
        } else if (alarmNode != null) {
            alarm = bool(alarmNode, where + ".alarm", false) ? SunSpec.Event1.GROUND_FAULT.mask() : 0L;
        }
        Duration slow = m.containsKey("slowResponse") ? duration(m.get("slowResponse"), where + ".slowResponse") : Duration.ZERO;
        long alarmBits = alarm;
        return build(node, () -> new Faults(
                bool(m.get("offline"), where + ".offline", false),
                bool(m.get("zeroOutput"), where + ".zeroOutput", false),
                alarmBits, slow,
                decimal(m, "derate", where + ".derate", 0.0, 0, 1)));
    }

    // ----------------------------------------------------------------------------------------------- node access

    private Map<String, Node> mapping(Node node, String where, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, where + " must be a mapping of key: value");
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), where + " key");
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key \"" + key + "\" in " + where + "; allowed: " + allowed.stream().sorted().toList());
            }
            if (result.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "key \"" + key + "\" appears twice in " + where);
            }
        }
        return result;
    }

    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be a single value");
        }
        return s.getValue();
    }

    private String string(Map<String, Node> m, String key, String what, String fallback) {
        Node node = m.get(key);
        if (node == null) {
            return fallback;
        }
        String value = scalar(node, what).trim();
        if (value.isEmpty()) {
            throw error(node, what + " must not be empty");
        }
        return value;
    }

    private long integer(Map<String, Node> m, String key, long fallback, long min, long max) {
        return integer(m, key, key, fallback, min, max);
    }

    private long integer(Map<String, Node> m, String key, String what, long fallback, long min, long max) {
        Node node = m.get(key);
        if (node == null) {
            return fallback;
        }
        String text = scalar(node, what).trim().replace("_", "");
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be an integer, got \"" + text + "\"");
        }
        if (value < min || value > max) {
            throw error(node, what + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private double decimal(Map<String, Node> m, String key, double fallback, double min, double max) {
        return decimal(m, key, key, fallback, min, max);
    }

    private double decimal(Map<String, Node> m, String key, String what, double fallback, double min, double max) {
        Node node = m.get(key);
        if (node == null) {
            return fallback;
        }
        String text = scalar(node, what).trim();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a number, got \"" + text + "\"");
        }
        if (!(value >= min && value <= max)) {
            throw error(node, what + " must be within [" + min + ", " + max + "], got " + text);
        }
        return value;
    }

    private boolean bool(Node node, String what, boolean fallback) {
        if (node == null) {
            return fallback;
        }
        String text = scalar(node, what).trim().toLowerCase();
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(node, what + " must be true or false, got \"" + text + "\"");
        };
    }

    private Duration duration(Node node, String what) {
        String text = scalar(node, what);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(node, what + ": " + e.getMessage());
        }
    }

    private Duration positive(Node node, String what, Duration value) {
        if (node != null && (value.isNegative() || value.isZero())) {
            throw error(node, what + " must be positive, got " + value);
        }
        return value;
    }

    /** Runs a record constructor; its validation message gets the file and line of the node. */
    private <T> T build(Node node, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw error(node, e.getMessage());
        }
    }

    private ConfigException error(Node node, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new ConfigException(file + " line " + line + ": " + message);
    }
}
