package org.yangguang.gateway.modbus;

/**
 * A request that did not yield registers: either no (valid) answer within the timeout after all retries,
 * or a Modbus exception response from the device ({@link #exceptionCode()} &gt; 0; 2 = illegal data address).
 */
public final class ModbusFailure extends Exception {
    private final int exceptionCode;

    private ModbusFailure(String message, int exceptionCode, Throwable cause) {
        super(message, cause);
        this.exceptionCode = exceptionCode;
    }

    public static ModbusFailure timeout(String message, Throwable cause) {
        return new ModbusFailure(message, 0, cause);
    }

    public static ModbusFailure exception(String message, int code) {
        return new ModbusFailure(message, code, null);
    }

    public boolean isTimeout() {
        return exceptionCode == 0;
    }

    /** Modbus exception code (1 illegal function, 2 illegal data address, 3 illegal data value, 4 device failure, 6 busy, 11 gateway target failed), 0 for timeouts. */
    public int exceptionCode() {
        return exceptionCode;
    }
}
