package org.yangguang.collector.ingest;

/** A telemetry message as the broker delivered it; acknowledged (PUBACK) only once it is stored or dead-lettered. */
public record Delivery(String topic, byte[] payload, int messageId, int qos, long receivedAtMs) {
}
