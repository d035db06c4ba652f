package org.yangguang.gateway.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML node that remembers its file, line and path, so every configuration error reads
 * "station.yaml:14: links[0].devices[2].unit: must be 1..247, was 300". Used by the gateway configuration
 * and by vendor register maps.
 */
public final class YamlTree {
    private final String file;
    private final Node node;
    private final String path;

    private YamlTree(String file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    public static YamlTree load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    public static YamlTree parse(String fileName, String text) {
        try (Reader r = new StringReader(text)) {
            Node root = new Yaml(new LoaderOptions()).compose(r);
            if (root == null) {
                throw new ConfigException(fileName + ":1: file is empty");
            }
            return new YamlTree(fileName, root, "");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(fileName + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new ConfigException(fileName + ": " + e.getMessage());
        }
    }

    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    public String file() {
        return file;
    }

    public String path() {
        return path.isEmpty() ? "(top level)" : path;
    }

    public ConfigException error(String what) {
        return new ConfigException(file + ":" + line() + ": " + path() + ": " + what);
    }

    private Map<String, YamlTree> fields() {
        if (!(node instanceof MappingNode m)) {
            throw error("must be a mapping (key: value)");
        }
        Map<String, YamlTree> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            out.put(key, new YamlTree(file, t.getValueNode(), path.isEmpty() ? key : path + "." + key));
        }
        return out;
    }

    /** Rejects keys outside {@code allowed}: a typo such as "pollIntervall" must not be silently ignored. */
    public YamlTree only(Set<String> allowed) {
        for (Map.Entry<String, YamlTree> e : fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    public Optional<YamlTree> opt(String key) {
        YamlTree v = fields().get(key);
        if (v == null || (v.node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null"))) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    public boolean has(String key) {
        return opt(key).isPresent();
    }

    public YamlTree get(String key) {
        return opt(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    public List<YamlTree> list() {
        if (!(node instanceof SequenceNode s)) {
            throw error("must be a list");
        }
        List<YamlTree> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlTree(file, s.getValue().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    public Map<String, YamlTree> mapping() {
        return fields();
    }

    /** A single value (not a mapping or a list). */
    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The values of a list, or the one value given instead of a list ({@code when: {model: SG110CX}}). */
    public List<YamlTree> listOrOne() {
        return node instanceof SequenceNode ? list() : List.of(this);
    }

    public String text() {
        if (!(node instanceof ScalarNode s)) {
            throw error("must be a single value");
        }
        return s.getValue();
    }

    public String string(String key, String dflt) {
        return opt(key).map(YamlTree::text).orElse(dflt);
    }

    public long asLong() {
        String t = text().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error("must be an integer, was '" + text() + "'");
        }
    }

    public int asInt(int min, int max) {
        long v = asLong();
        if (v < min || v > max) {
            throw error("must be " + min + ".." + max + ", was " + v);
        }
        return (int) v;
    }

    public int integer(String key, int dflt, int min, int max) {
        return opt(key).map(v -> v.asInt(min, max)).orElse(dflt);
    }

    public double asDouble() {
        try {
            return Double.parseDouble(text());
        } catch (NumberFormatException e) {
            throw error("must be a number, was '" + text() + "'");
        }
    }

    public boolean asBoolean() {
        return switch (text().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("must be true or false, was '" + text() + "'");
        };
    }

    public boolean bool(String key, boolean dflt) {
        return opt(key).map(YamlTree::asBoolean).orElse(dflt);
    }

    /** ISO-8601 (PT5S) or a number with a unit: 500ms, 5s, 10m, 2h. */
    public Duration asDuration() {
        String t = text().trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw error("must be a duration such as PT5S, 500ms, 5s, 10m, was '" + t + "'");
        }
    }

    public Duration duration(String key, Duration dflt) {
        return opt(key).map(YamlTree::asDuration).orElse(dflt);
    }

    /** Byte sizes: 512MB, 2GB, 1048576. */
    public long asBytes() {
        String t = text().trim().toUpperCase();
        long mult = 1;
        for (String[] u : new String[][]{{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"K", "1024"},
                {"M", "1048576"}, {"G", "1073741824"}, {"B", "1"}}) {
            if (t.endsWith(u[0])) {
                mult = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            return Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw error("must be a size such as 512MB, was '" + text() + "'");
        }
    }
}
