package org.yangguang.gateway.modbus;

/**
 * A request that did not yield registers: no (valid) answer within the timeout after all retries, the link itself
 * could not be opened ({@link #isLinkDown()}: refused, no route, serial port missing or busy — for a poller that is
 * "no answer" too, so {@link #isTimeout()} holds), or a Modbus exception response from the device
 * ({@link #exceptionCode()} &gt; 0; 2 = illegal data address).
 */
public final class ModbusFailure extends Exception {
    private final int exceptionCode;
    private final boolean linkDown;

    private ModbusFailure(String message, int exceptionCode, boolean linkDown, Throwable cause) {
        super(message, cause);
        this.exceptionCode = exceptionCode;
        this.linkDown = linkDown;
    }

    public static ModbusFailure timeout(String message, Throwable cause) {
        return new ModbusFailure(message, 0, false, cause);
    }

    /** The link could not be opened; {@code message} says why ({@link LinkProblem}). */
    public static ModbusFailure linkDown(String message, Throwable cause) {
        return new ModbusFailure(message, 0, true, cause);
    }

    public static ModbusFailure exception(String message, int code) {
        return new ModbusFailure(message, code, false, null);
    }

    /** No answer: a timeout, or a link that could not be opened. */
    public boolean isTimeout() {
        return exceptionCode == 0;
    }

    /** The connection or serial port could not be opened at all: no unit behind it can answer. */
    public boolean isLinkDown() {
        return linkDown;
    }

    /** Modbus exception code (1 illegal function, 2 illegal data address, 3 illegal data value, 4 device failure, 6 busy, 11 gateway target failed), 0 for timeouts. */
    public int exceptionCode() {
        return exceptionCode;
    }
}
