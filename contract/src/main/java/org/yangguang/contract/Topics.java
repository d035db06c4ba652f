package org.yangguang.contract;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT topic layout. See docs/mqtt-contract.md; this class is its only implementation.
 *
 * <pre>
 * yangguang/v2/telemetry/{station}/{device}   QoS 1, a batch of the device's readings (what gateways send)
 * yangguang/v1/telemetry/{station}/{device}   QoS 1, one reading (gateways before v2; collectors still read it)
 * yangguang/v1/status/{station}/{gateway}     QoS 1, retained; "offline" is the gateway's last will
 * yangguang/v1/device/{station}/{device}      QoS 1, retained; the device's nameplate (gateway)
 * yangguang/v1/alarm/{station}/{device}       QoS 1, retained per device while raised (collector)
 * yangguang/v1/deadletter/{reason}            QoS 1, rejected messages with their reason (collector)
 * yangguang/v2/receipt/{station}/{gateway}    QoS 1, readings a collector stored or refused (to that gateway only)
 * </pre>
 */
public final class Topics {
    public static final String ROOT = "yangguang/v1";
    public static final String ROOT_V2 = "yangguang/v2";
    public static final String TELEMETRY_FILTER = ROOT + "/telemetry/+/+";
    public static final String TELEMETRY_BATCH_FILTER = ROOT_V2 + "/telemetry/+/+";
    /** Both telemetry layouts, for subscribers that take whatever gateways send. */
    public static final List<String> TELEMETRY_FILTERS = List.of(TELEMETRY_BATCH_FILTER, TELEMETRY_FILTER);
    public static final String STATUS_FILTER = ROOT + "/status/+/+";
    /** Every device's retained nameplate ({@link DeviceNameplate}). */
    public static final String DEVICE_FILTER = ROOT + "/device/+/+";
    public static final String DEAD_LETTER_ROOT = ROOT + "/deadletter";
    /** Every gateway's receipts: what collectors read to follow each gateway's stored sequence numbers. */
    public static final String RECEIPT_FILTER = ROOT_V2 + "/receipt/+/+";

    /** Station, device and gateway ids: safe as topic levels, InfluxDB tags and URL path segments. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Topics() {
    }

    public static String telemetry(String station, String device) {
        return ROOT + "/telemetry/" + requireId("station", station) + "/" + requireId("device", device);
    }

    /** Where a gateway publishes batches of a device's readings (schema 2, {@link TelemetryBatch}). */
    public static String telemetryBatch(String station, String device) {
        return ROOT_V2 + "/telemetry/" + requireId("station", station) + "/" + requireId("device", device);
    }

    /** Whether a telemetry topic carries batches (v2) rather than single readings (v1). */
    public static boolean isBatch(String topic) {
        return topic.startsWith(ROOT_V2 + "/telemetry/");
    }

    public static String status(String station, String gateway) {
        return ROOT + "/status/" + requireId("station", station) + "/" + requireId("gateway", gateway);
    }

    /** Where a gateway keeps a device's nameplate, retained ({@link DeviceNameplate}). */
    public static String device(String station, String device) {
        return ROOT + "/device/" + requireId("station", station) + "/" + requireId("device", device);
    }

    public static String alarm(String station, String device) {
        return ROOT + "/alarm/" + requireId("station", station) + "/" + requireId("device", device);
    }

    public static String deadLetter(String reasonCode) {
        return DEAD_LETTER_ROOT + "/" + reasonCode;
    }

    /**
     * Where collectors tell gateway {@code gateway} of station {@code station} which of its readings are stored or
     * refused ({@link Receipt}); the broker lets only that gateway (and the collectors) read it.
     */
    public static String receipt(String station, String gateway) {
        return ROOT_V2 + "/receipt/" + requireId("station", station) + "/" + requireId("gateway", gateway);
    }

    /** Shared subscriptions (v2 and v1) so that N collectors in one group split the telemetry between them. */
    public static List<String> sharedTelemetry(String group) {
        String share = "$share/" + requireId("group", group) + "/";
        return TELEMETRY_FILTERS.stream().map(f -> share + f).toList();
    }

    /** The station and device named by a telemetry topic (v1 or v2), or empty when the topic is not one. */
    public static Optional<Address> parseTelemetry(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        return address(topic, isBatch(topic) ? ROOT_V2 + "/telemetry/" : ROOT + "/telemetry/");
    }

    /** The station and device named by a device (nameplate) topic, or empty when the topic is not one. */
    public static Optional<Address> parseDevice(String topic) {
        return topic == null ? Optional.empty() : address(topic, ROOT + "/device/");
    }

    private static Optional<Address> address(String topic, String prefix) {
        if (!topic.startsWith(prefix)) {
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
