package org.yangguang.simulator;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;

/** A real j2mod Modbus TCP master, as a gateway would use it, returning unsigned register values. */
public final class ModbusClient implements AutoCloseable {

    private final ModbusTCPMaster master;

    public ModbusClient(int port, int timeoutMillis) throws Exception {
        master = new ModbusTCPMaster("127.0.0.1", port, timeoutMillis, false);
        master.connect();
        master.setRetries(1); // j2mod ignores setRetries before connect(): its transaction does not exist yet
    }

    public int[] read(int unit, int address, int count) throws Exception {
        Register[] regs = master.readMultipleRegisters(unit, address, count);
        int[] out = new int[regs.length];
        for (int i = 0; i < regs.length; i++) {
            out[i] = regs[i].toUnsignedShort();
        }
        return out;
    }

    /**
     * What a robust poller does after a timeout: drop the connection (a late answer could otherwise be taken for
     * the next request's) and open a new one.
     */
    public void reconnect() throws Exception {
        master.disconnect();
        master.connect();
        master.setRetries(1);
    }

    public ModbusTCPMaster master() {
        return master;
    }

    @Override
    public void close() {
        master.disconnect();
    }
}
