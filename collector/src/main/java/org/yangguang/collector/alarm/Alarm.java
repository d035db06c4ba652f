package org.yangguang.collector.alarm;

/**
 * One alarm event. {@code device} is the device id, or the gateway id for gateway_offline. The time is taken from
 * the data (the reading that raised or cleared it, or the last reading plus the offline window), not from the
 * collector's clock, so collectors that see the same data produce the same events.
 *
 * @param since for a raise, when the trouble began as far as the data tells: the first of the bad readings that
 *              raised it, the last reading before a device or a gateway went silent. Lost energy is counted from
 *              here, not from the raise, which comes a few readings later by design (hysteresis). Usually at or
 *              before {@code ts}; after it only for a gateway's last will, whose time is when the gateway
 *              connected. Equal to {@code ts} for a clear and where nothing better is known.
 * @param about why, as a code with parameters (translated by the console) and an English sentence
 */
public record Alarm(String station, String device, AlarmType type, boolean raised, long ts, long since, AlarmDetail about) {
    public Alarm(String station, String device, AlarmType type, boolean raised, long ts, AlarmDetail about) {
        this(station, device, type, raised, ts, ts, about);
    }

    /** The English sentence (logs, Grafana, the stored {@code detail} field). */
    public String detail() {
        return about.text();
    }
}
