package org.yangguang.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT topic layout, version 1. See docs/mqtt-contract.md; this class is its only implementation.
 *
 * <pre>
 * yangguang/v1/telemetry/{station}/{device}   QoS 1, one message per device per poll
 * yangguang/v1/status/{station}/{gateway}     QoS 1, retained; "offline" is the gateway's last will
 * yangguang/v1/alarm/{station}/{device}       QoS 1, retained per device while raised (collector)
 * yangguang/v1/deadletter/{reason}            QoS 1, rejected messages with their reason (collector)
 * </pre>
 */
public final class Topics {
    public static final String ROOT = "yangguang/v1";
    public static final String TELEMETRY_FILTER = ROOT + "/telemetry/+/+";
    public static final String STATUS_FILTER = ROOT + "/status/+/+";
    public static final String DEAD_LETTER_ROOT = ROOT + "/deadletter";

    /** Station, device and gateway ids: safe as topic levels, InfluxDB tags and URL path segments. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Topics() {
    }

    public static String telemetry(String station, String device) {
        return ROOT + "/telemetry/" + requireId("station", station) + "/" + requireId("device", device);
    }

    public static String status(String station, String gateway) {
        return ROOT + "/status/" + requireId("station", station) + "/" + requireId("gateway", gateway);
    }

    public static String alarm(String station, String device) {
        return ROOT + "/alarm/" + requireId("station", station) + "/" + requireId("device", device);
    }

    public static String deadLetter(String reasonCode) {
        return DEAD_LETTER_ROOT + "/" + reasonCode;
    }

    /** A shared subscription so that N collectors in one group split the telemetry between them. */
    public static String sharedTelemetry(String group) {
        return "$share/" + requireId("group", group) + "/" + TELEMETRY_FILTER;
    }

    /** The station and device named by a telemetry topic, or empty when the topic is not one. */
    public static Optional<Address> parseTelemetry(String topic) {
        String prefix = ROOT + "/telemetry/";
        if (topic == null || !topic.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] rest = topic.substring(prefix.length()).split("/", -1);
        if (rest.length != 2 || !isId(rest[0]) || !isId(rest[1])) {
            return Optional.empty();
        }
        return Optional.of(new Address(rest[0], rest[1]));
    }

    /** {@link #ID} without the regex engine: the collector checks three ids per message. */
    public static boolean isId(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        char c0 = s.charAt(0);
        if (!(c0 >= 'a' && c0 <= 'z' || c0 >= '0' && c0 <= '9')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static String requireId(String what, String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " id '" + value + "' must match " + ID.pattern());
        }
        return value;
    }

    /** Station and device named by a topic. */
    public record Address(String station, String device) {
    }
}
