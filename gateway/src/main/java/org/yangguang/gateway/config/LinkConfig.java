package org.yangguang.gateway.config;

import org.yangguang.gateway.modbus.J2modLink;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.modbus.ModbusLink;

import java.util.List;
import java.util.Set;

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

    /** The j2mod link for these settings (it connects on its first request). */
    public ModbusLink open() {
        return tcp != null ? J2modLink.tcp(tcp.host(), tcp.port(), timing)
                : J2modLink.rtu(rtu.port(), rtu.baud(), rtu.dataBits(), rtu.parity(), rtu.stopBits(), timing);
    }

    public String describe() {
        return tcp != null ? tcp.host() + ":" + tcp.port() : rtu.port();
    }

    public record Tcp(String host, int port) {
    }

    /**
     * RS-485 serial settings; parity none/even/odd. The defaults and limits below are the one statement of them,
     * for station.yaml and the command line alike; 9600 8N1 is what Huawei and Sungrow inverters ship with.
     */
    public record Rtu(String port, int baud, int dataBits, String parity, int stopBits) {
        public static final Set<String> PARITIES = Set.of("none", "even", "odd");
        public static final String DEFAULT_PARITY = "none";
        public static final int DEFAULT_BAUD = 9600;
        public static final int MIN_BAUD = 300;
        public static final int MAX_BAUD = 921_600;
        public static final int DEFAULT_DATA_BITS = 8;
        public static final int MIN_DATA_BITS = 7;
        public static final int MAX_DATA_BITS = 8;
        public static final int DEFAULT_STOP_BITS = 1;
        public static final int MIN_STOP_BITS = 1;
        public static final int MAX_STOP_BITS = 2;
    }
}
