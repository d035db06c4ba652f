package org.yangguang.gateway.modbus;

/**
 * One physical Modbus connection (a TCP socket to a logger/dongle, or an RS-485 port) shared by every unit id
 * behind it. Implementations serialize requests: loggers and RS-485 buses answer one request at a time.
 */
public interface ModbusLink extends AutoCloseable {
    int FC_HOLDING = 3;
    int FC_INPUT = 4;

    /** Reads {@code count} registers with function code 3 or 4; each value is 0..65535. */
    int[] read(int unit, int functionCode, int address, int count) throws ModbusFailure;

    default int[] readHolding(int unit, int address, int count) throws ModbusFailure {
        return read(unit, FC_HOLDING, address, count);
    }

    /** Where this link goes, for operator messages ("192.168.1.20:502", "/dev/ttyUSB0"). */
    String describe();

    /** Requests sent and failed since start (for metrics and the benchmark). */
    long requests();

    @Override
    void close();
}
