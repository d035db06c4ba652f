package org.yangguang.distribution.telemetry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yangguang.contract.EnergyCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real InfluxDB 1.x: exact Wh from lifetime counters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfluxStationEnergyTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofHours(10));
    private static final Instant T2 = T0.plus(Duration.ofHours(20));

    private InfluxFixture fixture;
    private InfluxStationEnergy energy;

    @BeforeAll
    void write() {
        fixture = new InfluxFixture();
        fixture.inverter("s1", "inv-01", T0.minus(Duration.ofHours(1)), 1_000_000)
                .inverter("s1", "inv-01", T0.plus(Duration.ofHours(1)), 1_010_000)
                .inverter("s1", "inv-01", T0.plus(Duration.ofHours(5)), 1_050_500)
                .inverter("s1", "inv-01", T1, 1_060_000)                      // exactly at the end: counts
                .inverter("s1", "inv-01", T1.plus(Duration.ofHours(1)), 1_100_000)
                // inv-02 first reports inside the period: its first reading is the baseline
                .inverter("s1", "inv-02", T0.plus(Duration.ofHours(2)), 500_000)
                .inverter("s1", "inv-02", T0.plus(Duration.ofHours(6)), 520_250)
                .inverter("s1", "inv-02", T2.minus(Duration.ofMinutes(1)), 530_000)
                // not an inverter, and another station: ignored
                .energy("s1", "meter-01", "meter", T0.plus(Duration.ofHours(3)), 9_999_999)
                .energy("s1", "meter-01", "meter", T0.minus(Duration.ofHours(3)), 1)
                .inverter("s2", "inv-01", T0.minus(Duration.ofHours(1)), 0)
                .inverter("s2", "inv-01", T0.plus(Duration.ofHours(1)), 777_777)
                // an inverter replaced mid-period: its new counter starts low
                .inverter("s3", "inv-01", T0.minus(Duration.ofHours(1)), 4_000)
                .inverter("s3", "inv-01", T0.plus(Duration.ofHours(1)), 5_000)
                .inverter("s3", "inv-01", T0.plus(Duration.ofHours(2)), 100)
                .inverter("s3", "inv-01", T0.plus(Duration.ofHours(3)), 700)
                .inverter("s3", "inv-01", T1, 1_500)
                .inverter("s3", "inv-01", T1.plus(Duration.ofHours(1)), 2_500)
                .inverter("s3", "inv-02", T0.minus(Duration.ofHours(1)), 80_000)
                .inverter("s3", "inv-02", T1, 90_000)
                // reset right after the first reading of a device that has none before the period
                .inverter("s4", "inv-01", T0.plus(Duration.ofHours(1)), 9_000)
                .inverter("s4", "inv-01", T0.plus(Duration.ofHours(2)), 50)
                .inverter("s4", "inv-01", T0.plus(Duration.ofHours(3)), 450)
                // replaced at T0+3h by a refurbished unit whose counter stands far higher
                .inverter("s5", "inv-01", T0.minus(Duration.ofHours(1)), 1_000_000)
                .inverter("s5", "inv-01", T0.plus(Duration.ofHours(1)), 1_010_000)
                .inverter("s5", "inv-01", T0.plus(Duration.ofHours(3)), 9_000_000)
                .inverter("s5", "inv-01", T0.plus(Duration.ofHours(5)), 9_020_000)
                .inverter("s5", "inv-01", T1, 9_030_000)
                .inverter("s5", "inv-01", T2, 9_050_000)
                // replaced at T0+2h by a new unit whose counter starts near zero
                .inverter("s6", "inv-01", T0.minus(Duration.ofHours(1)), 5_000_000)
                .inverter("s6", "inv-01", T0.plus(Duration.ofHours(1)), 5_002_000)
                .inverter("s6", "inv-01", T0.plus(Duration.ofHours(2)), 100)
                .inverter("s6", "inv-01", T1, 5_100);
        fixture.swap("s5", "inv-01", T0.plus(Duration.ofHours(3)), "HV-OLD", "HV-NEW")
                .swap("s6", "inv-01", T0.plus(Duration.ofHours(2)), "SG-OLD", "SG-NEW");
        fixture.flush();
        energy = new InfluxStationEnergy(new InfluxSettings(fixture.url(), fixture.database(), "telemetry", "", ""));
    }

    @AfterAll
    void drop() {
        energy.close();
        fixture.close();
    }

    @Test
    void sumsInverterCounterDifferences() {
        EnergyReading r = energy.energy("s1", T0, T1);
        // inv-01: 1,060,000 (at T1) - 1,000,000 (before T0) = 60,000; inv-02: 520,250 - 500,000 = 20,250
        assertThat(r.whByDevice()).isEqualTo(Map.of("inv-01", 60_000L, "inv-02", 20_250L));
        assertThat(r.wh()).isEqualTo(80_250);
        assertThat(r.kwh()).isEqualByComparingTo("80.250");
    }

    @Test
    void consecutivePeriodsAddUp() {
        long first = energy.energy("s1", T0, T1).wh();
        long second = energy.energy("s1", T1, T2).wh();
        // second: inv-01 1,100,000 - 1,060,000 = 40,000; inv-02 530,000 - 520,250 = 9,750
        assertThat(second).isEqualTo(49_750);
        assertThat(energy.energy("s1", T0, T2).wh()).isEqualTo(first + second);
    }

    @Test
    void otherStationIsSeparate() {
        assertThat(energy.energy("s2", T0, T1).wh()).isEqualTo(777_777);
        assertThat(energy.energy("nothing-here", T0, T1).wh()).isZero();
    }

    @Test
    void aCounterResetCountsTheIncreasesOnBothSidesAndNamesTheInverter() {
        EnergyReading r = energy.energy("s3", T0, T1);
        // inv-01: 4,000 → 5,000 (+1,000), 5,000 → 100 (reset: 0), 100 → 700 (+600), 700 → 1,500 (+800)
        assertThat(r.whByDevice()).isEqualTo(Map.of("inv-01", 2_400L, "inv-02", 10_000L));
        assertThat(r.wh()).isEqualTo(12_400);
        assertThat(r.resets()).containsExactly(new EnergyReading.CounterReset("inv-01", 4_000, 1_500));

        // the periods on either side still add up to the whole
        EnergyReading after = energy.energy("s3", T1, T2);
        assertThat(after.wh()).isEqualTo(1_000); // inv-01 1,500 → 2,500; inv-02 has no reading after T1
        assertThat(after.resets()).isEmpty();
        assertThat(energy.energy("s3", T0, T2).wh()).isEqualTo(r.wh() + after.wh());

        // with no reading before the period, the first one inside is where the sum starts
        assertThat(energy.energy("s4", T0, T1).whByDevice()).isEqualTo(Map.of("inv-01", 400L));
    }

    @Test
    void aReplacementWhoseCounterStartsAboveTheOldOneIsCountedFromItsOwnCounter() {
        EnergyReading r = energy.energy("s5", T0, T1);
        // old unit 1,000,000 -> 1,010,000 (+10,000); new unit 9,000,000 -> 9,030,000 (+30,000); the jump is nobody's
        assertThat(r.wh()).isEqualTo(40_000);
        assertThat(r.swaps()).containsExactly(new EnergyReading.InverterSwap("inv-01",
                T0.plus(Duration.ofHours(3)).toString(), "HV-OLD", "HV-NEW"));
        assertThat(r.resets()).isEmpty();
        // periods on either side of the swap, and across it, add up
        Instant mid = T0.plus(Duration.ofHours(4));
        long before = energy.energy("s5", T0, mid).wh();
        long after = energy.energy("s5", mid, T1).wh();
        assertThat(before).isEqualTo(10_000);
        assertThat(after).isEqualTo(30_000);
        assertThat(energy.energy("s5", T0, T2).wh()).isEqualTo(40_000 + 20_000);
        // a period after the swap is the new unit's alone
        assertThat(energy.energy("s5", T1, T2).swaps()).isEmpty();
        assertThat(energy.energy("s5", T1, T2).wh()).isEqualTo(20_000);
    }

    @Test
    void aReplacementStartingNearZeroIsASwapNotAReset() {
        EnergyReading r = energy.energy("s6", T0, T1);
        assertThat(r.wh()).isEqualTo(2_000 + 5_000);
        assertThat(r.swaps()).extracting(EnergyReading.InverterSwap::newSerial).containsExactly("SG-NEW");
        assertThat(r.resets()).isEmpty();
    }

    @Test
    void everyPeriodIsTheContractsCounterRuleAppliedToEveryReading() {
        // one inverter's day at 5-minute readings with resets and swaps either way, against EnergyCounter.sum
        java.util.Random rnd = new java.util.Random(16);
        List<EnergyCounter.Reading> readings = new ArrayList<>();
        List<Long> swaps = new ArrayList<>();
        long wh = 3_000_000;
        try (InfluxFixture f = new InfluxFixture()) {
            for (int i = 0; i < 288; i++) {
                Instant at = T0.plus(Duration.ofMinutes(5L * i));
                int what = rnd.nextInt(60);
                if (what == 0) {
                    wh = rnd.nextBoolean() ? wh + 1_000_000 + rnd.nextInt(5_000_000) : rnd.nextInt(1_000);
                    swaps.add(at.toEpochMilli());
                    f.swap("r1", "inv-01", at, "A" + i, "B" + i);
                } else if (what == 1) {
                    wh = rnd.nextInt(500);
                } else {
                    wh += rnd.nextInt(4_000);
                }
                readings.add(new EnergyCounter.Reading(at.toEpochMilli(), wh));
                f.inverter("r1", "inv-01", at, wh);
            }
            f.flush();
            EnergyCounter rule = EnergyCounter.withSwaps(swaps);
            InfluxStationEnergy e = new InfluxStationEnergy(new InfluxSettings(f.url(), f.database(), "telemetry", "", ""));
            try {
                List<Instant> cuts = new ArrayList<>(List.of(T0, T0.plus(Duration.ofDays(1))));
                for (int k = 0; k < 6; k++) {
                    cuts.add(T0.plus(Duration.ofMinutes(rnd.nextInt(24 * 60))));
                }
                java.util.Collections.sort(cuts);
                long sum = 0;
                for (int k = 1; k < cuts.size(); k++) {
                    Instant a = cuts.get(k - 1);
                    Instant b = cuts.get(k);
                    if (!b.isAfter(a)) {
                        continue;
                    }
                    // the start reading is the last at or before a (the first inside for the first period)
                    List<EnergyCounter.Reading> stretch = readings.stream().filter(r -> r.ts() <= b.toEpochMilli())
                            .filter(r -> r.ts() >= startOf(readings, a.toEpochMilli())).toList();
                    long expected = (long) rule.sum(stretch);
                    assertThat(e.energy("r1", a, b).wh()).as("[%s, %s)", a, b).isEqualTo(expected);
                    sum += expected;
                }
                assertThat(e.energy("r1", T0, T0.plus(Duration.ofDays(1))).wh()).as("the periods add up").isEqualTo(sum);
            } finally {
                e.close();
            }
        }
    }

    private static long startOf(List<EnergyCounter.Reading> readings, long ms) {
        long start = readings.get(0).ts();
        for (EnergyCounter.Reading r : readings) {
            if (r.ts() <= ms) {
                start = r.ts();
            }
        }
        return start;
    }

    @Test
    void unknownDatabaseIsUnavailable() {
        InfluxStationEnergy missing = new InfluxStationEnergy(
                new InfluxSettings(fixture.url(), "no_such_db_here", "telemetry", "", ""));
        try {
            assertThatThrownBy(() -> missing.energy("s1", T0, T1))
                    .isInstanceOf(EnergyUnavailableException.class)
                    .hasMessageContaining("database not found");
        } finally {
            missing.close();
        }
    }
}
