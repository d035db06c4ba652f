package org.yangguang.collector.alarm;

/**
 * Solar elevation from the NOAA approximation (accurate to well under a degree, plenty to tell day from
 * night for "zero output in daylight").
 */
public final class SunPosition {
    private SunPosition() {
    }

    /** Elevation of the sun above the horizon in degrees at {@code epochMs} for a place. */
    public static double elevation(double latDeg, double lonDeg, long epochMs) {
        double days = epochMs / 86_400_000.0 - 10_957.5; // days since J2000.0 (2000-01-01T12:00Z)
        double g = Math.toRadians((357.529 + 0.98560028 * days) % 360);
        double q = (280.459 + 0.98564736 * days) % 360;
        double l = Math.toRadians((q + 1.915 * Math.sin(g) + 0.020 * Math.sin(2 * g)) % 360);
        double e = Math.toRadians(23.439 - 0.00000036 * days);
        double ra = Math.atan2(Math.cos(e) * Math.sin(l), Math.cos(l));
        double decl = Math.asin(Math.sin(e) * Math.sin(l));
        double gmst = (18.697374558 + 24.06570982441908 * days) % 24;
        double hourAngle = Math.toRadians(((gmst * 15 + lonDeg) - Math.toDegrees(ra)) % 360);
        double lat = Math.toRadians(latDeg);
        return Math.toDegrees(Math.asin(Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(hourAngle)));
    }
}
