package org.yangguang.simulator.sun;

import java.time.Duration;
import java.time.Instant;
import org.yangguang.contract.sun.SolarPosition;

/**
 * The sky over one station: sun position plus clouds, giving the fraction of rated power the array delivers.
 *
 * @param solarShift added to the instant before the sun's position is computed (not for clouds or timestamps), so
 *                   that a demo run at night can see a morning sun; {@link Duration#ZERO} for the real sky
 */
public record Sky(double latitudeDeg, double longitudeDeg, CloudCover clouds, Duration solarShift) {

    public Sky {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], got " + latitudeDeg);
        }
        if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], got " + longitudeDeg);
        }
    }

    public double elevationDeg(Instant at) {
        return SolarPosition.elevationDeg(latitudeDeg, longitudeDeg, at.plus(solarShift));
    }

    /** Fraction of rated AC power available at this instant, in [0, 1]. */
    public double outputFactor(Instant at) {
        double clear = ClearSky.factor(elevationDeg(at));
        return clear == 0.0 ? 0.0 : clear * clouds.factor(at);
    }
}
