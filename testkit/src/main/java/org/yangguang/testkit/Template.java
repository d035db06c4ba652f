package org.yangguang.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server configuration kept as a file in this module's resources ({@code servers/}), with {@code ${NAME}}
 * placeholders. The launcher's servers are configured by it too ({@link ServerConfigs}, which ./yangguang runs), so
 * the launcher's servers and the tests' are configured alike from one writer.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private Template() {
    }

    /** The resource {@code servers/<name>} with every placeholder replaced; one without a value is an error. */
    static String fill(String name, Map<String, String> values) {
        String text;
        try (InputStream in = Template.class.getResourceAsStream("servers/" + name)) {
            if (in == null) {
                throw new IllegalStateException("testkit resource servers/" + name + " is missing");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("servers/" + name + ": placeholder ${" + m.group(1) + "} not filled");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }
}
