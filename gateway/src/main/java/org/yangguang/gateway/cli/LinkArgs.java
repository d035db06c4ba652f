package org.yangguang.gateway.cli;

import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.modbus.ModbusLink;

import java.util.List;
import java.util.Locale;

/**
 * Where {@code gateway scan} and {@code gateway read} talk to: a Modbus TCP logger or dongle ({@code --host H
 * [--port 502]}) or an RS-485 bus on a serial port ({@code --serial /dev/ttyUSB0 [--baud 9600] [--parity none]
 * [--data-bits 8] [--stop-bits 1]}), with station.yaml's defaults and limits ({@link LinkConfig.Rtu}).
 */
record LinkArgs(LinkConfig.Tcp tcp, LinkConfig.Rtu rtu) {

    static LinkArgs from(Args a) {
        String host = a.get("host", null);
        String serial = a.get("serial", null);
        if ((host == null) == (serial == null)) {
            throw new IllegalArgumentException(host == null
                    ? "say where the devices are: --host H (Modbus TCP) or --serial /dev/ttyUSB0 (Modbus RTU over RS-485)"
                    : "give --host (Modbus TCP) or --serial (Modbus RTU), not both");
        }
        String parity = a.get("parity", LinkConfig.Rtu.DEFAULT_PARITY).toLowerCase(Locale.ROOT);
        if (!LinkConfig.Rtu.PARITIES.contains(parity)) {
            throw new IllegalArgumentException("--parity must be none, even or odd, was '" + parity + "'");
        }
        int port = a.integer("port", 502);
        int baud = range(a, "baud", LinkConfig.Rtu.DEFAULT_BAUD, LinkConfig.Rtu.MIN_BAUD, LinkConfig.Rtu.MAX_BAUD);
        int dataBits = range(a, "data-bits", LinkConfig.Rtu.DEFAULT_DATA_BITS, LinkConfig.Rtu.MIN_DATA_BITS,
                LinkConfig.Rtu.MAX_DATA_BITS);
        int stopBits = range(a, "stop-bits", LinkConfig.Rtu.DEFAULT_STOP_BITS, LinkConfig.Rtu.MIN_STOP_BITS,
                LinkConfig.Rtu.MAX_STOP_BITS);
        return serial != null ? new LinkArgs(null, new LinkConfig.Rtu(serial, baud, dataBits, parity, stopBits))
                : new LinkArgs(new LinkConfig.Tcp(host, port), null);
    }

    private static int range(Args a, String name, int dflt, int min, int max) {
        int v = a.integer(name, dflt);
        if (v < min || v > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    ModbusLink open(LinkTiming timing) {
        return new LinkConfig(tcp, rtu, timing, 125, List.of()).open();
    }

    /** "192.168.1.20:502" or "/dev/ttyUSB0 9600 8N1", for people. */
    String describe() {
        return rtu != null ? rtu.port() + " " + rtu.baud() + " " + rtu.dataBits()
                + Character.toUpperCase(rtu.parity().charAt(0)) + rtu.stopBits() : tcp.host() + ":" + tcp.port();
    }

    /** The link's line of a station.yaml, as {@code ConfigReader} reads it. */
    String yaml() {
        return rtu != null
                ? "rtu: {port: '" + rtu.port() + "', baud: " + rtu.baud()
                        + (rtu.dataBits() == LinkConfig.Rtu.DEFAULT_DATA_BITS ? "" : ", dataBits: " + rtu.dataBits())
                        + ", parity: " + rtu.parity() + ", stopBits: " + rtu.stopBits() + "}"
                : "tcp: {host: " + tcp.host() + ", port: " + tcp.port() + "}";
    }
}
