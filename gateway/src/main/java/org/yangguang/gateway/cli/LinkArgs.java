package org.yangguang.gateway.cli;

import org.yangguang.gateway.modbus.J2modLink;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.modbus.ModbusLink;

import java.util.Locale;
import java.util.Set;

/**
 * Where {@code gateway scan} and {@code gateway read} talk to: a Modbus TCP logger or dongle ({@code --host H
 * [--port 502]}) or an RS-485 bus on a serial port ({@code --serial /dev/ttyUSB0 [--baud 9600] [--parity none]
 * [--data-bits 8] [--stop-bits 1]}; 9600 8N1 is what Huawei and Sungrow inverters ship with).
 */
record LinkArgs(String host, int port, String serial, int baud, int dataBits, String parity, int stopBits) {

    static LinkArgs from(Args a) {
        String host = a.get("host", null);
        String serial = a.get("serial", null);
        if ((host == null) == (serial == null)) {
            throw new IllegalArgumentException(host == null
                    ? "say where the devices are: --host H (Modbus TCP) or --serial /dev/ttyUSB0 (Modbus RTU over RS-485)"
                    : "give --host (Modbus TCP) or --serial (Modbus RTU), not both");
        }
        String parity = a.get("parity", "none").toLowerCase(Locale.ROOT);
        if (!Set.of("none", "even", "odd").contains(parity)) {
            throw new IllegalArgumentException("--parity must be none, even or odd, was '" + parity + "'");
        }
        return new LinkArgs(host, a.integer("port", 502), serial, range(a, "baud", 9600, 300, 921_600),
                range(a, "data-bits", 8, 7, 8), parity, range(a, "stop-bits", 1, 1, 2));
    }

    private static int range(Args a, String name, int dflt, int min, int max) {
        int v = a.integer(name, dflt);
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    boolean rtu() {
        return serial != null;
    }

    ModbusLink open(LinkTiming timing) {
        return rtu() ? J2modLink.rtu(serial, baud, dataBits, parity, stopBits, timing) : J2modLink.tcp(host, port, timing);
    }

    /** "192.168.1.20:502" or "/dev/ttyUSB0 9600 8N1", for people. */
    String describe() {
        return rtu() ? serial + " " + baud + " " + dataBits + Character.toUpperCase(parity.charAt(0)) + stopBits
                : host + ":" + port;
    }

    /** The link's line of a station.yaml, as {@code ConfigReader} reads it. */
    String yaml() {
        return rtu()
                ? "rtu: {port: '" + serial + "', baud: " + baud + (dataBits == 8 ? "" : ", dataBits: " + dataBits)
                        + ", parity: " + parity + ", stopBits: " + stopBits + "}"
                : "tcp: {host: " + host + ", port: " + port + "}";
    }
}
