package org.yangguang.contract.sun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SolarPositionTest {

    static final double LAT = 37.95;
    static final double LON = 110.99;

    /** Highest elevation of the day and when it happens, sampled every 10 s over the UTC day. */
    private static double[] noon(String utcDay) {
        Instant start = Instant.parse(utcDay + "T00:00:00Z");
        double best = -90;
        long bestSecond = 0;
        for (long s = 0; s < 86_400; s += 10) {
            double e = SolarPosition.elevationDeg(LAT, LON, start.plusSeconds(s));
            if (e > best) {
                best = e;
                bestSecond = s;
            }
        }
        return new double[] {best, bestSecond};
    }

    @Test
    void solarNoonAtLinCountyOnTheJuneSolstice() {
        double[] noon = noon("2026-06-21");
        // 90 − 37.95 + 23.44 = 75.49 geometric; refraction adds ≈ 0.004°
        assertThat(noon[0]).isCloseTo(75.5, within(0.05));
        // noon at 12:00 − 4 min × 110.99 − equation of time (−1.7 min) ≈ 04:37:40 UTC
        assertThat(noon[1]).isCloseTo(4 * 3600 + 37 * 60 + 40, within(60.0));
    }

    @Test
    void solarNoonAtLinCountyOnTheDecemberSolstice() {
        double[] noon = noon("2026-12-21");
        // 90 − 37.95 − 23.44 = 28.61 geometric; refraction adds ≈ 0.03°
        assertThat(noon[0]).isCloseTo(28.64, within(0.05));
        // equation of time ≈ +1.9 min: noon ≈ 04:34 UTC
        assertThat(noon[1]).isCloseTo(4 * 3600 + 34 * 60, within(60.0));
    }

    @Test
    void equinoxNoonAtTheEquatorIsNearlyOverhead() {
        // 2026-03-20 14:46 UTC is the March equinox; at 0°N 0°E the sun culminates near 12:07 UTC
        double e = SolarPosition.elevationDeg(0.0, 0.0, Instant.parse("2026-03-20T12:07:30Z"));
        assertThat(e).isCloseTo(90.0 - 0.1, within(0.15));
    }

    @Test
    void nightIsBelowTheHorizon() {
        // 00:00 at UTC+8: local solar time ≈ 23:25
        assertThat(SolarPosition.elevationDeg(LAT, LON, Instant.parse("2026-06-21T16:00:00Z"))).isLessThan(-20);
        assertThat(SolarPosition.elevationDeg(LAT, LON, Instant.parse("2026-12-21T16:00:00Z"))).isLessThan(-60);
    }

    @Test
    void trueSolarTimeIsTwelveAtSolarNoon() {
        double[] noon = noon("2026-06-21");
        LocalTime t = SolarPosition.trueSolarTime(LON, Instant.parse("2026-06-21T00:00:00Z").plusSeconds((long) noon[1]));
        assertThat(Math.abs(Duration.between(LocalTime.NOON, t).toSeconds())).isLessThanOrEqualTo(10);
    }

    @Test
    void shiftPutsTheSunAtTenInTheMorning() {
        Instant midnight = Instant.parse("2026-11-23T16:00:00Z");
        Duration shift = SolarPosition.shiftToSolarTime(LON, midnight, LocalTime.of(10, 0));
        assertThat(shift).isPositive().isLessThan(Duration.ofDays(1));
        LocalTime shifted = SolarPosition.trueSolarTime(LON, midnight.plus(shift));
        assertThat(Math.abs(Duration.between(LocalTime.of(10, 0), shifted).toSeconds())).isLessThanOrEqualTo(1);
        assertThat(SolarPosition.elevationDeg(LAT, LON, midnight.plus(shift))).isBetween(15.0, 30.0);
    }
}
