package org.yangguang.distribution.telemetry;

import java.time.Instant;

/** Where revenue gets a station's energy for a period. */
public interface StationEnergy {

    /**
     * Energy the station's inverters exported during [{@code from}, {@code to}).
     *
     * @throws EnergyUnavailableException when it cannot be determined (source down, counter went backwards)
     */
    EnergyReading energy(String stationCode, Instant from, Instant to);
}
