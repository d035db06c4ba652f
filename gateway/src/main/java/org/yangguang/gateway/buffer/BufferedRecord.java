package org.yangguang.gateway.buffer;

/** One reading in the disk buffer: its sequence number, MQTT topic and encoded payload. */
public record BufferedRecord(long seq, String topic, byte[] payload) {
}
