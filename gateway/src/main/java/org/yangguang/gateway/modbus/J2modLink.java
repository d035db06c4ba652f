package org.yangguang.gateway.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link ModbusLink} over a j2mod master: Modbus TCP (one socket for all unit ids behind a logger) or RTU.
 * The connection is opened lazily and dropped after a timeout, because a late answer left in the socket
 * would otherwise be read as the reply to the next request.
 */
public final class J2modLink implements ModbusLink {
    private static final Logger LOG = LoggerFactory.getLogger(J2modLink.class);

    private final String description;
    private final Supplier<AbstractModbusMaster> factory;
    /** Why opening the link failed, in words (LinkProblem), from the exception of connect(). */
    private final Function<Exception, String> whyNoLink;
    private final LinkTiming timing;
    private final AtomicLong requests = new AtomicLong();
    private AbstractModbusMaster master;
    private long lastRequestEndNanos;

    private J2modLink(String description, Supplier<AbstractModbusMaster> factory,
                      Function<Exception, String> whyNoLink, LinkTiming timing) {
        this.description = description;
        this.factory = factory;
        this.whyNoLink = whyNoLink;
        this.timing = timing;
    }

    public static J2modLink tcp(String host, int port, LinkTiming timing) {
        int timeoutMs = (int) timing.timeout().toMillis();
        return new J2modLink(host + ":" + port, () -> new ModbusTCPMaster(host, port, timeoutMs, false),
                e -> LinkProblem.tcp(host, port, timing.timeout(), e), timing);
    }

    /** RTU over a serial port; parity is "none", "even" or "odd". */
    public static J2modLink rtu(String port, int baud, int dataBits, String parity, int stopBits, LinkTiming timing) {
        return new J2modLink(port, () -> {
            SerialParameters p = new SerialParameters();
            p.setPortName(port);
            p.setBaudRate(baud);
            p.setDatabits(dataBits);
            p.setParity(parity);
            p.setStopbits(stopBits);
            p.setEncoding("rtu");
            p.setEcho(false);
            return new ModbusSerialMaster(p, (int) timing.timeout().toMillis());
        }, e -> LinkProblem.serial(port, e), timing);
    }

    @Override
    public synchronized int[] read(int unit, int functionCode, int address, int count) throws ModbusFailure {
        if (functionCode != FC_HOLDING && functionCode != FC_INPUT) {
            throw new IllegalArgumentException("function code " + functionCode + " is not a register read (3 or 4)");
        }
        ModbusException last = null;
        Exception noLink = null;
        for (int attempt = 0; attempt <= timing.retries(); attempt++) {
            try {
                connectIfNeeded();
            } catch (Exception e) {
                // connect() declares Exception: refused, unreachable, serial port missing or busy
                noLink = e;
                disconnect();
                continue;
            }
            noLink = null;
            try {
                pace();
                requests.incrementAndGet();
                InputRegister[] regs = functionCode == FC_HOLDING
                        ? master.readMultipleRegisters(unit, address, count)
                        : master.readInputRegisters(unit, address, count);
                lastRequestEndNanos = System.nanoTime();
                if (regs == null || regs.length != count) {
                    throw new ModbusException("answer has " + (regs == null ? 0 : regs.length) + " registers, asked " + count);
                }
                int[] out = new int[count];
                for (int i = 0; i < count; i++) {
                    out[i] = regs[i].toUnsignedShort();
                }
                return out;
            } catch (ModbusSlaveException e) {
                lastRequestEndNanos = System.nanoTime();
                throw ModbusFailure.exception("unit " + unit + " at " + description + " answered Modbus exception "
                        + e.getType() + " (" + ModbusSlaveException.getMessage(e.getType()) + ") to FC" + functionCode
                        + " " + address + "+" + count, e.getType());
            } catch (ModbusException e) {
                lastRequestEndNanos = System.nanoTime();
                last = e;
                disconnect();
            } catch (Exception e) {
                last = new ModbusException(e.toString());
                disconnect();
            }
        }
        if (noLink != null) {
            throw ModbusFailure.linkDown("cannot open the link to " + description + " for unit " + unit + ": "
                    + whyNoLink.apply(noLink), noLink);
        }
        throw ModbusFailure.timeout("no response from " + description + " unit " + unit + " within "
                + timing.timeout().toMillis() + " ms (" + timing.retries() + " retries): "
                + (last == null ? "" : last.getMessage()), last);
    }

    private void connectIfNeeded() throws Exception {
        if (master != null && master.isConnected()) {
            return;
        }
        master = factory.get();
        master.connect();
        // j2mod retries internally (its "retries" is the number of attempts, and 0 means 5, with a pause); our
        // loop owns retries so that a timeout costs what the operator configured: one attempt per j2mod call.
        // The transaction only exists after connect(), so this must come after it.
        master.setRetries(1);
        master.setTimeout((int) timing.timeout().toMillis());
        LOG.debug("modbus link {} connected", description);
        if (!timing.delayAfterConnect().isZero()) {
            // Huawei SDongle/SmartLogger answer garbage or nothing in the first second after connect.
            sleepNanos(timing.delayAfterConnect().toNanos());
        }
    }

    private void pace() {
        long pause = timing.pauseBetweenRequests().toNanos();
        if (pause > 0 && lastRequestEndNanos != 0) {
            long wait = lastRequestEndNanos + pause - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void disconnect() {
        if (master != null) {
            try {
                master.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("disconnect of {} failed", description, e);
            }
            master = null;
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
