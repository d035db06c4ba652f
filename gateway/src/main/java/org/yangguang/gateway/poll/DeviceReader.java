package org.yangguang.gateway.poll;

import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;

/** Reads and decodes one device (SunSpec or a vendor register map) over its link. */
public interface DeviceReader {
    /**
     * @throws ModbusFailure  timeouts and Modbus exceptions (the poller turns them into a status)
     * @throws DecodeFailure  registers that cannot be decoded
     */
    DeviceReading read(ModbusLink link) throws ModbusFailure, DecodeFailure;

    /** Model id for payloads when the read failed before the model was known. */
    String model();
}
