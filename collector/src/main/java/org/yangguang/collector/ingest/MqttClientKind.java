package org.yangguang.collector.ingest;

import java.util.Locale;

/** Which MQTT client takes telemetry in ({@code --mqtt-client}); the publishing connection is Paho's either way. */
public enum MqttClientKind {
    /** HiveMQ's MQTT 5 client on Netty: the default, the faster (docs/performance.md). */
    HIVEMQ,
    /** Eclipse Paho v5: for broker URLs only Paho speaks (ws://, local://), or to compare. */
    PAHO;

    public static MqttClientKind parse(String v) {
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt client must be hivemq or paho, was '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
