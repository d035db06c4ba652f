package org.yangguang.gateway.config;

import org.yangguang.gateway.modbus.LinkTiming;

import java.util.List;

/**
 * One Modbus link: exactly one of {@code tcp} or {@code rtu}, and the devices (unit ids) behind it.
 *
 * @param maxRegistersPerRequest largest read the link allows (Modbus: 125; some loggers less)
 */
public record LinkConfig(Tcp tcp, Rtu rtu, LinkTiming timing, int maxRegistersPerRequest, List<DeviceConfig> devices) {
    public LinkConfig {
        if ((tcp == null) == (rtu == null)) {
            throw new ConfigException("a link needs exactly one of tcp or rtu");
        }
        devices = List.copyOf(devices);
    }

    public static LinkConfig tcp(String host, int port, LinkTiming timing, List<DeviceConfig> devices) {
        return new LinkConfig(new Tcp(host, port), null, timing, 125, devices);
    }

    public String describe() {
        return tcp != null ? tcp.host() + ":" + tcp.port() : rtu.port();
    }

    public record Tcp(String host, int port) {
    }

    /** RS-485 serial settings; parity none/even/odd. */
    public record Rtu(String port, int baud, int dataBits, String parity, int stopBits) {
    }
}
