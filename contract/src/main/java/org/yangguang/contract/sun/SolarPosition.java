package org.yangguang.contract.sun;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/**
 * Where the sun stands, after the NOAA Solar Calculator (Meeus' low-precision formulas as published by
 * NOAA's Global Monitoring Laboratory, "NOAA_Solar_Calculations_day.xls"). Accurate to about 0.01° for
 * 1800–2100, far better than a power model needs, and cheap enough to run every second for every inverter.
 *
 * <p>One implementation for the whole system: the simulator moves its sun with it, and the collector judges
 * daylight (zero output) and models clear-sky yield (expected energy when no healthy peer inverter is left) with it,
 * so the two can never disagree about where the sun was.
 */
public final class SolarPosition {

    private static final double MILLIS_PER_DAY = 86_400_000.0;
    /** Julian day of the Unix epoch, 1970-01-01T00:00Z. */
    private static final double JULIAN_DAY_EPOCH = 2_440_587.5;

    private SolarPosition() {
    }

    /**
     * Apparent elevation of the sun's centre above the horizon in degrees, corrected for atmospheric refraction;
     * negative at night.
     *
     * @param latitudeDeg north positive
     * @param longitudeDeg east positive
     */
    public static double elevationDeg(double latitudeDeg, double longitudeDeg, Instant at) {
        Ephemeris e = Ephemeris.at(at);
        double trueSolarMinutes = trueSolarMinutes(e, longitudeDeg, at);
        double hourAngle = trueSolarMinutes / 4.0 - 180.0; // trueSolarMinutes is in [0, 1440)
        double lat = Math.toRadians(latitudeDeg);
        double decl = Math.toRadians(e.declinationDeg);
        double cosZenith = Math.sin(lat) * Math.sin(decl)
                + Math.cos(lat) * Math.cos(decl) * Math.cos(Math.toRadians(hourAngle));
        double zenithDeg = Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, cosZenith))));
        double elevation = 90.0 - zenithDeg;
        return elevation + refractionDeg(elevation);
    }

    /**
     * True (apparent) solar time of day at the longitude: 12:00 is solar noon. It includes the equation of time,
     * so it differs from clock time by up to ±16 minutes besides the longitude offset.
     */
    public static LocalTime trueSolarTime(double longitudeDeg, Instant at) {
        double minutes = trueSolarMinutes(Ephemeris.at(at), longitudeDeg, at);
        return LocalTime.ofNanoOfDay(Math.round(minutes * 60e9) % (86_400L * 1_000_000_000L));
    }

    /**
     * How far to move an instant so that the true solar time at the longitude becomes {@code target}: the
     * smallest non-negative shift (less than a day). Used by {@code --daylight} to run a sunny demo at night.
     */
    public static Duration shiftToSolarTime(double longitudeDeg, Instant now, LocalTime target) {
        double shiftMinutes = 0.0;
        // the equation of time at the shifted instant differs by up to half a minute a day: refine twice
        for (int pass = 0; pass < 3; pass++) {
            Instant shifted = now.plusMillis(Math.round(shiftMinutes * 60_000.0));
            double error = target.toSecondOfDay() / 60.0 - trueSolarMinutes(Ephemeris.at(shifted), longitudeDeg, shifted);
            shiftMinutes += error;
            shiftMinutes = ((shiftMinutes % 1440.0) + 1440.0) % 1440.0;
        }
        return Duration.ofMillis(Math.round(shiftMinutes * 60_000.0));
    }

    private static double trueSolarMinutes(Ephemeris e, double longitudeDeg, Instant at) {
        double utcMinutes = Math.floorMod(at.toEpochMilli(), 86_400_000L) / 60_000.0;
        double minutes = utcMinutes + e.equationOfTimeMin + 4.0 * longitudeDeg;
        return ((minutes % 1440.0) + 1440.0) % 1440.0;
    }

    /** NOAA's refraction correction, in degrees, as a function of the geometric elevation. */
    private static double refractionDeg(double elevationDeg) {
        if (elevationDeg > 85.0) {
            return 0.0;
        }
        double tanE = Math.tan(Math.toRadians(elevationDeg));
        double arcSeconds;
        if (elevationDeg > 5.0) {
            arcSeconds = 58.1 / tanE - 0.07 / Math.pow(tanE, 3) + 0.000086 / Math.pow(tanE, 5);
        } else if (elevationDeg > -0.575) {
            arcSeconds = 1735.0 + elevationDeg * (-518.2 + elevationDeg * (103.4
                    + elevationDeg * (-12.79 + elevationDeg * 0.711)));
        } else {
            arcSeconds = -20.772 / tanE;
        }
        return arcSeconds / 3600.0;
    }

    /** Declination and equation of time for one instant (they change slowly; one computation serves all sites). */
    private record Ephemeris(double declinationDeg, double equationOfTimeMin) {

        static Ephemeris at(Instant at) {
            double julianDay = JULIAN_DAY_EPOCH + at.toEpochMilli() / MILLIS_PER_DAY;
            double t = (julianDay - 2_451_545.0) / 36_525.0;
            double meanLong = normalizeDeg(280.46646 + t * (36_000.76983 + t * 0.0003032));
            double meanAnomaly = 357.52911 + t * (35_999.05029 - 0.0001537 * t);
            double eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
            double m = Math.toRadians(meanAnomaly);
            double center = Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
                    + Math.sin(2 * m) * (0.019993 - 0.000101 * t)
                    + Math.sin(3 * m) * 0.000289;
            double trueLong = meanLong + center;
            double omega = Math.toRadians(125.04 - 1934.136 * t);
            double apparentLong = trueLong - 0.00569 - 0.00478 * Math.sin(omega);
            double meanObliquity = 23.0 + (26.0 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60.0) / 60.0;
            double obliquity = meanObliquity + 0.00256 * Math.cos(omega);
            double declination = Math.toDegrees(Math.asin(
                    Math.sin(Math.toRadians(obliquity)) * Math.sin(Math.toRadians(apparentLong))));
            double y = Math.pow(Math.tan(Math.toRadians(obliquity / 2.0)), 2);
            double l0 = Math.toRadians(meanLong);
            double eqTime = 4.0 * Math.toDegrees(y * Math.sin(2 * l0)
                    - 2 * eccentricity * Math.sin(m)
                    + 4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0)
                    - 0.5 * y * y * Math.sin(4 * l0)
                    - 1.25 * eccentricity * eccentricity * Math.sin(2 * m));
            return new Ephemeris(declination, eqTime);
        }

        private static double normalizeDeg(double deg) {
            return ((deg % 360.0) + 360.0) % 360.0;
        }
    }
}
