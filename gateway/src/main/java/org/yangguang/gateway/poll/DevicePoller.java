package org.yangguang.gateway.poll;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Nameplate;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls one device and turns every outcome into a {@link DeviceReading} with a status: a failing device
 * produces a reading that says why, never an exception that stops the cycle (ThingsBoard gateway #2132:
 * one unhandled Modbus error stopped all polling).
 *
 * <p>It identifies the device (nameplate, SunSpec discovery, map variants) before the first read, again on the
 * first poll after any failure — an inverter that stopped answering may come back as its replacement, and an
 * inverter swap must be seen on the first reading of the new unit — and once a day, for a firmware upgrade that
 * went by between two polls.
 */
public final class DevicePoller {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);
    public static final Duration IDENTIFY_EVERY = Duration.ofDays(1);

    private final DeviceConfig device;
    private final DeviceReader reader;
    private final DeviceHealth health;
    private final Clock clock;
    private boolean identifyNext = true;
    private Instant identifyAt = Instant.MIN;
    private Nameplate nameplate;

    public DevicePoller(DeviceConfig device, DeviceReader reader, DeviceHealth health, Clock clock) {
        this.device = device;
        this.reader = reader;
        this.health = health;
        this.clock = clock;
    }

    public DeviceConfig device() {
        return device;
    }

    public DeviceHealth health() {
        return health;
    }

    /** What the last identification read, or null before the device was identified. */
    public Nameplate nameplate() {
        return nameplate;
    }

    public DeviceReading poll(ModbusLink link) {
        if (!health.shouldTry()) {
            return DeviceReading.failed(DeviceStatus.OFFLINE, reader.model(), health.offlineMessage());
        }
        DeviceReading r;
        Nameplate identified = null;
        try {
            if (identifyNext || !clock.instant().isBefore(identifyAt)) {
                identified = reader.identify(link);
                nameplate = identified;
                identifyNext = false;
                identifyAt = clock.instant().plus(IDENTIFY_EVERY);
            }
            r = reader.read(link);
        } catch (ModbusFailure e) {
            r = DeviceReading.failed(e.isTimeout() ? DeviceStatus.TIMEOUT : DeviceStatus.MODBUS_EXCEPTION,
                    reader.model(), e.getMessage());
        } catch (DecodeFailure e) {
            r = DeviceReading.failed(DeviceStatus.DECODE_ERROR, reader.model(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("device {} read failed unexpectedly", device.id(), e);
            r = DeviceReading.failed(DeviceStatus.DECODE_ERROR, reader.model(), "internal error: " + e);
        }
        if (r.status() == DeviceStatus.OK) {
            health.succeeded();
        } else {
            health.failed(r.error());
            identifyNext = true;
            LOG.warn("device {} ({}): {}", device.id(), r.status().wire(), r.error());
        }
        // A nameplate goes out with a good reading only: its time is then the new unit's first reading, and a
        // device that was never read is not announced from a map's fixed texts alone.
        return identified == null || r.status() != DeviceStatus.OK ? r : r.withNameplate(identified);
    }
}
