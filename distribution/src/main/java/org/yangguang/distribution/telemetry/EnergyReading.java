package org.yangguang.distribution.telemetry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A station's energy for a period, in exact whole Wh, with the part each inverter contributed. */
public record EnergyReading(String station, Instant from, Instant to, long wh, Map<String, Long> whByDevice) {

    public EnergyReading {
        whByDevice = Map.copyOf(whByDevice);
    }

    /** kWh with three decimals, exact. */
    public BigDecimal kwh() {
        return BigDecimal.valueOf(wh, 3);
    }
}
