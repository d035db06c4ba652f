package org.yangguang.simulator.sun;

/**
 * Clear-sky output of a PV array relative to its rating, from the sun's elevation alone.
 *
 * <p>Beam irradiance follows Meinel's empirical model, {@code 1.353 kW/m² × 0.7^(AM^0.678)}, with the air mass
 * AM from Kasten and Young (1989). Diffuse light adds about 10 % ({@code × 1.1}). The result is projected on a
 * horizontal plane ({@code × sin(elevation)}) and divided by the 1 kW/m² of standard test conditions. At Lin
 * County this gives ≈ 1.0 at the June solstice noon and ≈ 0.40 at the December solstice noon, and about 1,940
 * full-load hours over a year of permanently clear sky; {@link CloudCover} with cloudiness 0.6–0.9 brings that to
 * the county's reported 1,300–1,500 h. Tilt, temperature and soiling are deliberately ignored: the simulator feeds
 * a monitoring chain, it does not size a plant.
 */
public final class ClearSky {

    private ClearSky() {
    }

    /** Output factor in [0, 1]; 0 when the sun is at or below the horizon. */
    public static double factor(double elevationDeg) {
        if (elevationDeg <= 0.0) {
            return 0.0;
        }
        double zenithDeg = 90.0 - elevationDeg;
        double airMass = 1.0 / (Math.cos(Math.toRadians(zenithDeg)) + 0.50572 * Math.pow(96.07995 - zenithDeg, -1.6364));
        double beamKwPerM2 = 1.353 * Math.pow(0.7, Math.pow(airMass, 0.678));
        double global = 1.1 * beamKwPerM2 * Math.sin(Math.toRadians(elevationDeg));
        return Math.max(0.0, Math.min(1.0, global));
    }
}
