package org.yangguang.benchmarks.gateway;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Simulated SunSpec inverters (models 1 + 103 at 40000) on one in-process j2mod TCP slave, one unit id each,
 * for the benchmark. Both the bare j2mod loop and the gateway read the same registers from it. By default it
 * answers at once (the harshest case: every microsecond of the gateway's own shows); with a delay it answers
 * like a device in the field.
 */
final class BenchStation implements AutoCloseable {
    static final int MODEL_103 = 40070;
    static final int MODEL_103_REGISTERS = BenchInverter.MODEL_103_REGISTERS;

    private final ModbusSlave slave;
    private final int port;

    private BenchStation(ModbusSlave slave, int port) {
        this.slave = slave;
        this.port = port;
    }

    static BenchStation start(int inverters) throws Exception {
        return start(inverters, 0);
    }

    /** With {@code answerMs} > 0 every request is answered that much later, like a real inverter or logger. */
    static BenchStation start(int inverters, int answerMs) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 8, false);
        for (int u = 1; u <= inverters; u++) {
            slave.addProcessImage(u, image(u, answerMs));
        }
        slave.open();
        return new BenchStation(slave, port);
    }

    int port() {
        return port;
    }

    private static SimpleProcessImage image(int unit, int answerMs) {
        int[] r = new int[124];
        r[0] = 0x5375;
        r[1] = 0x6E53;
        r[2] = 1;
        r[3] = 66;
        String mn = "Yangguang";
        for (int i = 0; i < mn.length(); i++) {
            r[4 + i / 2] |= (mn.charAt(i) & 0xFF) << (i % 2 == 0 ? 8 : 0);
        }
        int m = 70;
        int[] model = BenchInverter.model103(unit);
        System.arraycopy(model, 0, r, m, model.length);
        r[m + model.length] = 0xFFFF;
        r[m + model.length + 1] = 0;
        SimpleProcessImage p = answerMs <= 0 ? new SimpleProcessImage(unit) : new SimpleProcessImage(unit) {
            @Override
            public synchronized com.ghgande.j2mod.modbus.procimg.Register[] getRegisterRange(int offset, int count)
                    throws com.ghgande.j2mod.modbus.procimg.IllegalAddressException {
                try {
                    Thread.sleep(answerMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.getRegisterRange(offset, count);
            }
        };
        for (int i = 0; i < r.length; i++) {
            p.addRegister(40000 + i, new SimpleRegister(r[i]));
        }
        return p;
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
