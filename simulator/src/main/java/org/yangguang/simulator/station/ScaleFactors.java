package org.yangguang.simulator.station;

/**
 * Fixed SunSpec scale factors for one inverter, chosen once from its rating.
 *
 * <p>W, VA, VAr and DCW are int16, so a 50 kW inverter cannot serve whole watts (32,767 W at most). The power
 * scale factor is the smallest {@code k ≥ 0} for which 120 % of the rating still fits: 0 up to 27 kW, 1 (tens of
 * watts) up to 273 kW, 2 above. Currents are served in 0.1 A, voltages in 0.1 V, frequency in 0.01 Hz, power factor
 * in 0.1 %, temperatures in 0.1 °C, energy in whole Wh. Scale factors never change at run time (some real devices
 * do change them, which is why clients must read an SF in the same request as its value).
 */
record ScaleFactors(int power, int current, int voltage, int frequency, int powerFactor, int energy, int temperature) {

    static ScaleFactors forRating(long ratedPowerW) {
        int power = 0;
        while (Math.ceil(ratedPowerW * 1.2 / Math.pow(10, power)) > Short.MAX_VALUE) {
            power++;
        }
        return new ScaleFactors(power, -1, -1, -2, -1, 0, -1);
    }
}
