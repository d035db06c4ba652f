package org.yangguang.simulator.modbus;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import java.time.Duration;
import org.yangguang.simulator.image.RegisterDump;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The j2mod process image of one unit id: read-only holding registers at the SunSpec base, nothing else; or, for
 * a unit served from a {@link RegisterDump}, the image's holding and input registers at their addresses.
 *
 * <p>Anything outside the map or image, input registers (FC4) of a SunSpec unit, coils and writes get Modbus
 * exception 2 (illegal data address), as from a real device. Offline and slow units are simulated here because
 * this is the only hook j2mod's slave gives per request: see {@link #getRegisterRange}.
 */
final class UnitProcessImage implements ProcessImage {

    private final int unit;
    private final int base;
    private final UnitBehaviour behaviour;
    private final Duration offlineHold;
    private final CountDownLatch closing;

    UnitProcessImage(int unit, int base, UnitBehaviour behaviour, Duration offlineHold, CountDownLatch closing) {
        this.unit = unit;
        this.base = base;
        this.behaviour = behaviour;
        this.offlineHold = offlineHold;
        this.closing = closing;
    }

    /**
     * Serves a register range, or misbehaves.
     *
     * <p>Offline: j2mod's slave always writes a response once a request is handled, so "no answer" is made by
     * holding the request for {@code offlineHold} (longer than any sane client timeout; the client gives up and
     * usually reconnects) and then failing the connection with a {@link ModbusIOException}, which j2mod's
     * connection handler treats as "close quietly". Nothing is ever sent for the request. Other connections, and
     * so other units, are served by other handler threads meanwhile.
     */
    @Override
    public Register[] getRegisterRange(int offset, int count) {
        awaitTurn();
        RegisterDump image = behaviour.image();
        if (image != null) {
            return fromImage(image, RegisterDump.Table.HOLDING, offset, count);
        }
        int[] regs = behaviour.registers();
        if (offset < base || count < 1 || offset - base + count > regs.length) {
            throw new IllegalAddressException("unit " + unit + ": registers " + offset + ".." + (offset + count - 1)
                    + " are outside the SunSpec map " + base + ".." + (base + regs.length - 1));
        }
        Register[] out = new Register[count];
        for (int k = 0; k < count; k++) {
            out[k] = new ReadOnlyRegister(regs[offset - base + k]);
        }
        return out;
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        RegisterDump image = behaviour.image();
        if (image != null) {
            return image.holding().isEmpty() ? 0 : image.holding().lastKey() + 1;
        }
        return base + behaviour.registers().length;
    }

    private Register[] fromImage(RegisterDump image, RegisterDump.Table table, int offset, int count) {
        int[] regs = count < 1 ? null : image.read(table, offset, count);
        if (regs == null) {
            throw new IllegalAddressException("unit " + unit + ": " + table.name().toLowerCase() + " registers "
                    + offset + ".." + (offset + count - 1) + " are not all in " + image.name());
        }
        Register[] out = new Register[count];
        for (int k = 0; k < count; k++) {
            out[k] = new ReadOnlyRegister(regs[k]);
        }
        return out;
    }

    private void awaitTurn() {
        if (closing.getCount() == 0) {
            throw dropConnection("station closed");
        }
        if (behaviour.offline()) {
            pause(offlineHold);
            throw dropConnection("unit " + unit + " is offline");
        }
        Duration delay = behaviour.responseDelay();
        if (!delay.isZero()) {
            pause(delay);
            if (closing.getCount() == 0) {
                throw dropConnection("station closed");
            }
        }
    }

    /** Waits, but wakes up when the station closes so shutdown never hangs on a held request. */
    private void pause(Duration d) {
        try {
            closing.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RuntimeException dropConnection(String why) {
        return Sneaky.throwUnchecked(new ModbusIOException(why));
    }

    // Everything but holding registers is absent from a SunSpec device; an image has input registers too.

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        awaitTurn();
        RegisterDump image = behaviour.image();
        if (image == null) {
            throw new IllegalAddressException("SunSpec is served as holding registers (FC3)");
        }
        return fromImage(image, RegisterDump.Table.INPUT, offset, count);
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        RegisterDump image = behaviour.image();
        return image == null || image.input().isEmpty() ? 0 : image.input().lastKey() + 1;
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        throw new IllegalAddressException("no coils");
    }

    @Override
    public DigitalOut getDigitalOut(int ref) {
        throw new IllegalAddressException("no coils");
    }

    @Override
    public int getDigitalOutCount() {
        return 0;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        throw new IllegalAddressException("no discrete inputs");
    }

    @Override
    public DigitalIn getDigitalIn(int ref) {
        throw new IllegalAddressException("no discrete inputs");
    }

    @Override
    public int getDigitalInCount() {
        return 0;
    }

    @Override
    public File getFile(int ref) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public File getFileByNumber(int ref) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int ref) {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public FIFO getFIFOByAddress(int ref) {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }

    /** A register value that refuses writes: FC6/FC16 get exception 2 through j2mod's IllegalAddressException path. */
    private static final class ReadOnlyRegister implements Register {

        private final int value;

        ReadOnlyRegister(int value) {
            this.value = value & 0xFFFF;
        }

        @Override
        public int getValue() {
            return value;
        }

        @Override
        public int toUnsignedShort() {
            return value;
        }

        @Override
        public short toShort() {
            return (short) value;
        }

        @Override
        public byte[] toBytes() {
            return new byte[] {(byte) (value >>> 8), (byte) value};
        }

        @Override
        public void setValue(int v) {
            throw new IllegalAddressException("SunSpec registers of the simulator are read-only");
        }

        @Override
        public void setValue(short s) {
            throw new IllegalAddressException("SunSpec registers of the simulator are read-only");
        }

        @Override
        public void setValue(byte[] bytes) {
            throw new IllegalAddressException("SunSpec registers of the simulator are read-only");
        }
    }

    /** Lets a checked ModbusIOException through ProcessImage methods, which declare none. */
    private static final class Sneaky {

        @SuppressWarnings("unchecked")
        static <E extends Throwable> RuntimeException throwUnchecked(Throwable t) throws E {
            throw (E) t;
        }
    }
}
