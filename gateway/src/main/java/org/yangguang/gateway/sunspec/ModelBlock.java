package org.yangguang.gateway.sunspec;

/**
 * A model found in a device's SunSpec map.
 *
 * @param address register address of the model's ID register
 * @param length  the model's L register: registers after ID and L
 */
public record ModelBlock(int id, int address, int length) {
    /** Registers of the whole block, ID and L included. */
    public int totalRegisters() {
        return length + 2;
    }
}
