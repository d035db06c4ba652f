package org.yangguang.gateway.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "--name value" command-line options with clear errors for field engineers. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> asked = new HashSet<>();

    public Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    public String required(String name) {
        asked.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    public String get(String name, String dflt) {
        asked.add(name);
        return values.getOrDefault(name, dflt);
    }

    public int integer(String name, int dflt) {
        asked.add(name);
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + v + "'");
        }
    }

    /**
     * Fails on an option the command never asked for: a mistyped {@code --buad 19200} would otherwise be ignored,
     * and a scan at the default 9600 baud would find nothing and say nothing about why.
     */
    public void requireNoOthers() {
        List<String> unknown = values.keySet().stream().filter(k -> !asked.contains(k)).sorted().map(k -> "--" + k).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown));
        }
    }
}
