package org.yangguang.gateway.sunspec;

import org.yangguang.gateway.modbus.ModbusFailure;
import org.yangguang.gateway.modbus.ModbusLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the SunSpec map of one unit: probes the base addresses 40000, 0 and 50000 for "SunS", then walks the
 * model chain (ID, L, ...) until the end marker 0xFFFF. Devices that misreport the end (SMA without an end
 * marker, loggers that answer "illegal data address" or zeros past the last model) end the walk where they
 * stop making sense instead of failing discovery (OpenEMS AbstractOpenemsSunSpecComponent, pysunspec2).
 */
public final class SunSpecDiscovery {
    public static final int[] BASE_ADDRESSES = {40000, 0, 50000};
    private static final int SUNS_HI = 0x5375; // "Su"
    private static final int SUNS_LO = 0x6E53; // "nS"
    private static final int MAX_MODELS = 64;

    private SunSpecDiscovery() {
    }

    /** The device's model chain, or empty when no base address holds "SunS". */
    public static Optional<SunSpecLayout> discover(ModbusLink link, int unit) throws ModbusFailure {
        ModbusFailure firstException = null;
        boolean anyAnswer = false;
        for (int base : BASE_ADDRESSES) {
            int[] marker;
            try {
                marker = link.readHolding(unit, base, 2);
            } catch (ModbusFailure e) {
                if (e.isTimeout()) {
                    // A device that does not answer at all is a timeout, not "not SunSpec".
                    throw e;
                }
                if (firstException == null) {
                    firstException = e;
                }
                continue;
            }
            anyAnswer = true;
            if (marker[0] == SUNS_HI && marker[1] == SUNS_LO) {
                return Optional.of(new SunSpecLayout(base, walk(link, unit, base + 2)));
            }
        }
        if (!anyAnswer && firstException != null) {
            // Every probe was refused (e.g. a logger's 0x0B "gateway target failed to respond" for a unit that is
            // not there): report what the device said rather than "not SunSpec".
            throw firstException;
        }
        return Optional.empty();
    }

    private static List<ModelBlock> walk(ModbusLink link, int unit, int address) throws ModbusFailure {
        List<ModelBlock> models = new ArrayList<>();
        while (models.size() < MAX_MODELS && address + 2 <= 0xFFFF) {
            int[] header;
            try {
                header = link.readHolding(unit, address, 2);
            } catch (ModbusFailure e) {
                if (e.isTimeout()) {
                    throw e;
                }
                break; // exception past the last model: the device has no end marker
            }
            int id = header[0];
            int length = header[1];
            if (id == 0xFFFF || id == 0 || length == 0xFFFF || length == 0) {
                break;
            }
            models.add(new ModelBlock(id, address, length));
            address += 2 + length;
        }
        return List.copyOf(models);
    }
}
