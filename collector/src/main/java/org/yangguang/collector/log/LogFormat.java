package org.yangguang.collector.log;

import java.util.Locale;

/**
 * How the collector writes its log: {@link #TEXT} (one readable line per event, the default) or {@link #JSON} (one
 * JSON object per line, for a log shipper). Chosen with {@code --log-format}; the two logback configurations are
 * {@code logback.xml} and {@code collector-logback-json.xml} on the classpath.
 */
public enum LogFormat {
    TEXT, JSON;

    /** The logback configuration that writes JSON lines; {@link #install()} points logback at it. */
    public static final String JSON_CONFIGURATION = "collector-logback-json.xml";

    public static LogFormat parse(String v) {
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("log format must be text or json");
        }
    }

    /**
     * Selects the logback configuration for this format. Must run before the first logger is created (logback reads
     * its configuration once); a configuration file the operator named with {@code -Dlogback.configurationFile} wins.
     */
    public void install() {
        if (this == JSON && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", JSON_CONFIGURATION);
        }
    }
}
