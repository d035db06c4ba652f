package org.yangguang.gateway.poll;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;

/**
 * Polls one device and turns every outcome into a {@link DeviceReading} with a status: a failing device
 * produces a reading that says why, never an exception that stops the cycle (ThingsBoard gateway #2132:
 * one unhandled Modbus error stopped all polling).
 */
public final class DevicePoller {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final DeviceConfig device;
    private final DeviceReader reader;
    private final DeviceHealth health;

    public DevicePoller(DeviceConfig device, DeviceReader reader, DeviceHealth health) {
        this.device = device;
        this.reader = reader;
        this.health = health;
    }

    public DeviceConfig device() {
        return device;
    }

    public DeviceHealth health() {
        return health;
    }

    public DeviceReading poll(ModbusLink link) {
        if (!health.shouldTry()) {
            return DeviceReading.failed(DeviceStatus.OFFLINE, reader.model(), health.offlineMessage());
        }
        DeviceReading r;
        try {
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
            LOG.warn("device {} ({}): {}", device.id(), r.status().wire(), r.error());
        }
        return r;
    }
}
