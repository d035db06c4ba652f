package org.yangguang.simulator.config;

/** A configuration problem, with the file, line and key in the message. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
