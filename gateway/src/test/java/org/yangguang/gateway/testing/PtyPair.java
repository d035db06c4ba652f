package org.yangguang.gateway.testing;

import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An RS-485 bus emulated by a pseudo-terminal pair from socat: j2mod serial slaves on one end ({@link #bus}), the
 * gateway (or a command) on the other ({@link #gatewaySide()}). RTU framing, parity and timing are real; only the
 * wire is missing.
 */
public final class PtyPair implements AutoCloseable {
    private final Process socat;
    private final Path gateway;
    private final Path bus;
    private ModbusSlave slave;

    private PtyPair(Process socat, Path gateway, Path bus) {
        this.socat = socat;
        this.gateway = gateway;
        this.bus = bus;
    }

    public static PtyPair open(Path dir) throws Exception {
        Path a = dir.resolve("ttyGateway");
        Path b = dir.resolve("ttyBus");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        PtyPair p = new PtyPair(socat, a, b);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(b)) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        if (!(Files.exists(a) && Files.exists(b))) {
            p.close();
            throw new IllegalStateException("socat did not create the pty pair; see " + dir.resolve("socat.log"));
        }
        return p;
    }

    /** The device path the gateway opens. */
    public String gatewaySide() throws Exception {
        return gateway.toRealPath().toString();
    }

    /** Starts an RTU slave on the bus side with these units (unit id → registers). */
    public void bus(int baud, String parity, Map<Integer, RegisterImage> units) throws Exception {
        SerialParameters p = new SerialParameters();
        p.setPortName(bus.toRealPath().toString());
        p.setBaudRate(baud);
        p.setDatabits(8);
        p.setParity(parity);
        p.setStopbits(1);
        p.setEncoding("rtu");
        p.setEcho(false);
        slave = ModbusSlaveFactory.createSerialSlave(p);
        units.forEach((unit, image) -> slave.addProcessImage(unit, TestModbusSlave.image(unit, image)));
        slave.open();
    }

    @Override
    public void close() throws Exception {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
        }
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
    }
}
