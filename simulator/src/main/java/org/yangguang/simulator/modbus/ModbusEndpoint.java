package org.yangguang.simulator.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus TCP listener (a j2mod slave) serving several unit ids, like a data logger or a dongle in front of
 * an RS-485 bus of inverters.
 */
public final class ModbusEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModbusEndpoint.class);
    /**
     * Handler threads: j2mod gives every open connection a pool thread for its whole life, and an offline unit
     * holds one for {@code offlineHold}. 32 is plenty for a few gateways and test clients. j2mod starts them all at
     * once, so a JVM hosting hundreds of stations (the soak: one gateway connection each) sets the system property
     * {@value #POOL_SIZE_PROPERTY} lower.
     */
    public static final String POOL_SIZE_PROPERTY = "yangguang.simulator.modbus-threads";
    private static final int DEFAULT_POOL_SIZE = 32;
    private static final int FREE_PORT_ATTEMPTS = 10;

    private final ModbusSlave slave;
    private final int port;

    private ModbusEndpoint(ModbusSlave slave, int port) {
        this.slave = slave;
        this.port = port;
    }

    /**
     * Binds and starts listening.
     *
     * @param port    0 for a free port (j2mod itself would turn 0 into 502)
     * @param units   unit id → behaviour
     * @param base    SunSpec base address
     * @param closing counted down when the station closes; held requests wake up and drop
     */
    public static ModbusEndpoint open(String host, int port, Map<Integer, UnitBehaviour> units, int base,
                                      Duration offlineHold, CountDownLatch closing) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        IOException last = null;
        int attempts = port == 0 ? FREE_PORT_ATTEMPTS : 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int candidate = port == 0 ? freePort(address) : port;
            try {
                return openOn(address, candidate, units, base, offlineHold, closing);
            } catch (IOException e) {
                // another process took the free port between the probe and the bind: try another one
                last = e;
            }
        }
        throw last;
    }

    private static ModbusEndpoint openOn(InetAddress address, int port, Map<Integer, UnitBehaviour> units, int base,
                                         Duration offlineHold, CountDownLatch closing) throws IOException {
        // ModbusSlaveFactory keeps one slave per port for the whole JVM and hands back an existing one: never
        // add our units to a listener somebody else in this JVM owns.
        if (ModbusSlaveFactory.getSlave(ModbusSlaveType.TCP, port) != null) {
            throw new IOException("port " + port + " is already served by another Modbus slave in this JVM");
        }
        ModbusSlave slave;
        try {
            slave = ModbusSlaveFactory.createTCPSlave(address, port, Integer.getInteger(POOL_SIZE_PROPERTY, DEFAULT_POOL_SIZE), false);
        } catch (ModbusException e) {
            throw new IOException("cannot create a Modbus TCP slave on " + address.getHostAddress() + ":" + port, e);
        }
        // j2mod's unit map is a plain HashMap read by handler threads: fill it completely before open()
        units.forEach((unit, behaviour) ->
                slave.addProcessImage(unit, new UnitProcessImage(unit, base, behaviour, offlineHold, closing)));
        slave.setThreadName("sim-modbus-" + port);
        try {
            slave.open();
        } catch (ModbusException e) {
            ModbusSlaveFactory.close(slave);
            throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("Modbus TCP listening on {}:{} for units {}", address.getHostAddress(), port, units.keySet());
        return new ModbusEndpoint(slave, port);
    }

    private static int freePort(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Stops accepting connections. Requests on connections already open are refused or dropped. */
    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
        log.info("Modbus TCP listener on port {} closed", port);
    }
}
