package org.yangguang.gateway.testing;

import org.yangguang.simulator.image.RegisterDump;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Registers of one unit for a test slave; unset addresses answer "illegal data address". */
public final class RegisterImage {
    final TreeMap<Integer, Integer> holding = new TreeMap<>();
    final TreeMap<Integer, Integer> input = new TreeMap<>();

    public RegisterImage u16(int address, int value) {
        holding.put(address, value & 0xFFFF);
        return this;
    }

    public RegisterImage s16(int address, int value) {
        return u16(address, value);
    }

    public RegisterImage u32(int address, long value) {
        u16(address, (int) (value >>> 16));
        return u16(address + 1, (int) value);
    }

    public RegisterImage u64(int address, long value) {
        u32(address, value >>> 32);
        return u32(address + 2, value);
    }

    public RegisterImage f32(int address, float value) {
        return u32(address, Float.floatToIntBits(value) & 0xFFFFFFFFL);
    }

    public RegisterImage string(int address, int registers, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < registers; i++) {
            int hi = 2 * i < b.length ? b[2 * i] & 0xFF : 0;
            int lo = 2 * i + 1 < b.length ? b[2 * i + 1] & 0xFF : 0;
            u16(address + i, hi << 8 | lo);
        }
        return this;
    }

    /** Fills [address, address+count) with zeros where nothing is set yet. */
    public RegisterImage zeros(int address, int count) {
        for (int i = 0; i < count; i++) {
            holding.putIfAbsent(address + i, 0);
        }
        return this;
    }

    public RegisterImage input16(int address, int value) {
        input.put(address, value & 0xFFFF);
        return this;
    }

    public RegisterImage input32(int address, long value) {
        input16(address, (int) (value >>> 16));
        return input16(address + 1, (int) value);
    }

    /** 32 bits, low word first (Sungrow). */
    public RegisterImage input32LowWordFirst(int address, long value) {
        input16(address, (int) value);
        return input16(address + 1, (int) (value >>> 16));
    }

    public RegisterImage inputF32(int address, float value) {
        return input32(address, Float.floatToIntBits(value) & 0xFFFFFFFFL);
    }

    public RegisterImage inputZeros(int address, int count) {
        for (int i = 0; i < count; i++) {
            input.putIfAbsent(address + i, 0);
        }
        return this;
    }

    public RegisterImage remove(int address) {
        holding.remove(address);
        return this;
    }

    public RegisterImage inputString(int address, int registers, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < registers; i++) {
            int hi = 2 * i < b.length ? b[2 * i] & 0xFF : 0;
            int lo = 2 * i + 1 < b.length ? b[2 * i + 1] & 0xFF : 0;
            input16(address + i, hi << 8 | lo);
        }
        return this;
    }

    public Map<Integer, Integer> holding() {
        return holding;
    }

    /** A simulator register image (a golden dump) as this slave's image. */
    public static RegisterImage of(RegisterDump dump) {
        RegisterImage i = new RegisterImage();
        i.holding.putAll(dump.holding());
        i.input.putAll(dump.input());
        return i;
    }

    /** A register image shipped with the simulator, by name. */
    public static RegisterImage shipped(String name) {
        return of(RegisterDump.shipped(name));
    }
}
