package org.yangguang.gateway.testing;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/** A real j2mod Modbus TCP slave on loopback serving {@link RegisterImage}s per unit id. */
public final class TestModbusSlave implements AutoCloseable {
    private final ModbusSlave slave;
    private final int port;

    private TestModbusSlave(ModbusSlave slave, int port) {
        this.slave = slave;
        this.port = port;
    }

    public static TestModbusSlave start(Map<Integer, RegisterImage> units) {
        int port = freePort();
        try {
            ModbusSlave s = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 8, false);
            for (Map.Entry<Integer, RegisterImage> e : units.entrySet()) {
                s.addProcessImage(e.getKey(), image(e.getKey(), e.getValue()));
            }
            s.open();
            return new TestModbusSlave(s, port);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start j2mod slave on " + port, e);
        }
    }

    public static SimpleProcessImage image(int unit, RegisterImage img) {
        SimpleProcessImage p = new SimpleProcessImage(unit);
        img.holding.forEach((a, v) -> p.addRegister(a, new SimpleRegister(v)));
        img.input.forEach((a, v) -> p.addInputRegister(a, new SimpleInputRegister(v)));
        return p;
    }

    /** Replaces one holding register while the slave runs (e.g. a changing scale factor). */
    public void set(int unit, int address, int value) {
        slave.getProcessImage(unit).getRegister(address).setValue(value);
    }

    public int port() {
        return port;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
