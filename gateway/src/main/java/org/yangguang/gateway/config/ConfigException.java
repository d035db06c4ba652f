package org.yangguang.gateway.config;

/** A configuration or register-map file that cannot be used; the message says file:line and what is wrong. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
