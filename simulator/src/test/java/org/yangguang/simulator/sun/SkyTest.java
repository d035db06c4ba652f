package org.yangguang.simulator.sun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SkyTest {

    @Test
    void clearSkyFactorAtTheSolsticeNoons() {
        assertThat(ClearSky.factor(75.5)).isCloseTo(1.0, within(0.01));
        assertThat(ClearSky.factor(28.64)).isCloseTo(0.40, within(0.01));
        assertThat(ClearSky.factor(0.0)).isZero();
        assertThat(ClearSky.factor(-10.0)).isZero();
        assertThat(ClearSky.factor(90.0)).isBetween(0.99, 1.0);
        double previous = 0;
        for (double e = 0.5; e <= 90; e += 0.5) {
            assertThat(ClearSky.factor(e)).as("monotonic at %s", e).isGreaterThanOrEqualTo(previous);
            previous = ClearSky.factor(e);
        }
    }

    @Test
    void cloudsAreDeterministicPerSeedAndBounded() {
        CloudCover a = new CloudCover(0.6, 7);
        CloudCover same = new CloudCover(0.6, 7);
        CloudCover other = new CloudCover(0.6, 8);
        Instant t = Instant.parse("2026-06-21T04:00:00Z");
        boolean differs = false;
        double min = 1;
        for (int m = 0; m < 600; m++) {
            Instant at = t.plus(Duration.ofMinutes(m));
            assertThat(a.factor(at)).isEqualTo(same.factor(at)).isBetween(0.4, 1.0);
            differs |= a.factor(at) != other.factor(at);
            min = Math.min(min, a.factor(at));
        }
        assertThat(differs).isTrue();
        assertThat(min).as("clouds do pass").isLessThan(0.9);
        assertThat(new CloudCover(0.0, 7).factor(t)).isEqualTo(1.0);
        assertThatThrownBy(() -> new CloudCover(1.5, 7)).hasMessageContaining("cloudiness");
    }

    @Test
    void cloudsChangeSmoothly() {
        CloudCover c = new CloudCover(1.0, 3);
        Instant t = Instant.parse("2026-06-21T04:00:00Z");
        for (int s = 0; s < 3_600; s++) {
            double step = Math.abs(c.factor(t.plusSeconds(s + 1)) - c.factor(t.plusSeconds(s)));
            assertThat(step).as("change within one second").isLessThan(0.01);
        }
    }

    @Test
    void solarShiftMovesOnlyTheSun() {
        Instant midnight = Instant.parse("2026-06-21T16:00:00Z");
        Sky night = new Sky(37.95, 110.99, new CloudCover(0, 1), Duration.ZERO);
        Sky shifted = new Sky(37.95, 110.99, new CloudCover(0, 1), Duration.ofHours(12));
        assertThat(night.outputFactor(midnight)).isZero();
        assertThat(shifted.outputFactor(midnight)).isGreaterThan(0.95);
        assertThat(shifted.elevationDeg(midnight)).isEqualTo(night.elevationDeg(midnight.plus(Duration.ofHours(12))));
    }
}
