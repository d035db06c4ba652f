package org.yangguang.collector.alarm;

/**
 * One alarm event. {@code device} is the device id, or the gateway id for gateway_offline. The time is taken from
 * the data (the reading that raised or cleared it, or the last reading plus the offline window), not from the
 * collector's clock, so collectors that see the same data produce the same events.
 */
public record Alarm(String station, String device, AlarmType type, boolean raised, long ts, String detail) {
}
