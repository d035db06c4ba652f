package org.yangguang.distribution.telemetry;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A station's energy for a period, in exact whole Wh, with the part each inverter contributed, the inverters whose
 * counter went backwards inside it without a recorded swap (reset: the step back counted as nothing), and the
 * inverters replaced inside it (swap: each unit's energy from its own counter, the step between them nothing).
 */
public record EnergyReading(String station, Instant from, Instant to, long wh, Map<String, Long> whByDevice,
                            List<CounterReset> resets, List<InverterSwap> swaps) {

    public EnergyReading {
        whByDevice = Map.copyOf(whByDevice);
        resets = List.copyOf(resets);
        swaps = List.copyOf(swaps);
    }

    /**
     * An inverter replaced by another unit at {@code at} (the new unit's first reading, as the gateway dated its
     * nameplate): the old unit's energy up to its last reading and the new unit's from its first are counted,
     * the step between the two counters is not, whichever is larger.
     */
    @Serdeable
    public record InverterSwap(String device, String at, String oldSerial, String newSerial) {
    }

    /**
     * An inverter's lifetime counter went backwards inside the period, from {@code startWh} at its start to
     * {@code endWh} at its end: its energy is the sum of the counter's increases, and a decrease (the reset) adds 0.
     */
    @Serdeable
    public record CounterReset(String device, long startWh, long endWh) {
    }

    /** kWh with three decimals, exact. */
    public BigDecimal kwh() {
        return BigDecimal.valueOf(wh, 3);
    }
}
