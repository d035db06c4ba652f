package org.yangguang.distribution.telemetry;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A station's energy for a period, in exact whole Wh, with the part each inverter contributed, and the inverters
 * whose counter went backwards inside it (replaced or reset: their step across the reset counted as nothing).
 */
public record EnergyReading(String station, Instant from, Instant to, long wh, Map<String, Long> whByDevice,
                            List<CounterReset> resets) {

    public EnergyReading {
        whByDevice = Map.copyOf(whByDevice);
        resets = List.copyOf(resets);
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
