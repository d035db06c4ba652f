package org.yangguang.gateway.poll;

import org.yangguang.contract.Nameplate;
import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;

/** Reads and decodes one device (SunSpec or a vendor register map) over its link. */
public interface DeviceReader {
    /**
     * Finds out who the device is and how to read it: SunSpec discovery and model 1, or a vendor map's nameplate
     * registers and the variants they select. The poller calls it before the first read, after every failed poll
     * (the device may come back as another unit) and once a day; {@link #read} identifies first if it never was.
     *
     * @throws ModbusFailure  the device did not answer (timeout) or refused everything
     * @throws DecodeFailure  it answered, but is not what this reader reads (no SunSpec map)
     */
    Nameplate identify(ModbusLink link) throws ModbusFailure, DecodeFailure;

    /**
     * @throws ModbusFailure  timeouts and Modbus exceptions (the poller turns them into a status)
     * @throws DecodeFailure  registers that cannot be decoded
     */
    DeviceReading read(ModbusLink link) throws ModbusFailure, DecodeFailure;

    /** Model id for payloads when the read failed before the model was known. */
    String model();
}
