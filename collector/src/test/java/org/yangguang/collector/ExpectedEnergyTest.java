package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.expected.ClearSkyYield;
import org.yangguang.collector.expected.ExpectedEnergy;
import org.yangguang.collector.expected.ExpectedEnergy.Basis;
import org.yangguang.collector.expected.ExpectedEnergy.Estimate;
import org.yangguang.collector.expected.ExpectedEnergy.Method;
import org.yangguang.collector.expected.PerformanceRatio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The expected-energy rules on hand-made rollup data: reference, modelled, unavailable, gaps and dark stations. */
class ExpectedEnergyTest {
    static final double LAT = 37.95;
    static final double LON = 110.99;
    /** 2026-06-21 10:00 Beijing time. */
    static final long T0 = Instant.parse("2026-06-21T02:00:00Z").toEpochMilli();
    static final long B = ExpectedEnergy.BUCKET_MS;
    static final ExpectedEnergy.PerformanceRatios NO_RATIO = b -> new PerformanceRatio.Result(null, "no history (test)");

    private final Map<String, NavigableMap<Long, Double>> readings = new TreeMap<>();
    private final Map<String, List<long[]>> unhealthy = new HashMap<>();

    /** A device reporting every bucket k in [from, to) with {@code wh.apply(k)} (the first one's increase unknown). */
    private void report(String device, int from, int to, java.util.function.IntToDoubleFunction wh) {
        NavigableMap<Long, Double> r = readings.computeIfAbsent(device, d -> new TreeMap<>());
        for (int k = from; k < to; k++) {
            r.put(T0 + k * B, k == from && r.isEmpty() ? Double.NaN : wh.applyAsDouble(k));
        }
    }

    private static ExpectedEnergy.Station station(Map<String, Double> kwp) {
        return new ExpectedEnergy.Station("st", LAT, LON, kwp);
    }

    private static Estimate at(List<Estimate> rows, String device, int k) {
        return rows.stream().filter(e -> e.device().equals(device) && e.bucket() == T0 + k * B).findFirst().orElseThrow();
    }

    @Test
    void theMedianOfHealthyPeersScaledByKwp() {
        report("inv-1", 0, 13, k -> 4_000);      // 50 kWp: 80 Wh/kWp
        report("inv-2", 0, 13, k -> 4_400);      // 50 kWp: 88
        report("inv-3", 0, 13, k -> 2_000);      // 25 kWp: 80
        report("inv-4", 0, 13, k -> k >= 6 ? 0 : 2_000); // 25 kWp, dark from bucket 6, in an episode from 6
        unhealthy.put("inv-4", List.of(new long[]{T0 + 6 * B, Long.MAX_VALUE}));
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0, "inv-3", 25.0, "inv-4", 25.0)),
                readings, unhealthy, B);
        List<Estimate> rows = x.estimate(T0 + B, T0 + 13 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);

        Estimate faulty = at(rows, "inv-4", 8);
        assertThat(faulty.method()).isEqualTo(Method.REFERENCE);
        assertThat(faulty.peers()).isEqualTo(3);
        assertThat(faulty.expectedWh()).isCloseTo(80 * 25.0, within(1e-9)); // median of 80, 88, 80
        assertThat(faulty.actualWh()).isZero();
        assertThat(faulty.basis()).isEqualTo(Basis.MEASURED);
        // before its episode it was a healthy peer of the others: median of {80, 80, 80} for inv-2
        assertThat(at(rows, "inv-2", 3).expectedWh()).isCloseTo(80 * 50.0, within(1e-9));
        // after, inv-2's peers are inv-1 and inv-3 only
        assertThat(at(rows, "inv-2", 8).peers()).isEqualTo(2);
        assertThat(rows).hasSize(4 * 12);
    }

    @Test
    void aDarkInverterIsNoPeerEvenBeforeItsAlarmIsRaised() {
        report("inv-1", 0, 5, k -> 4_000);
        report("inv-2", 0, 5, k -> 0); // making nothing at 10:00 in June, no episode (yet)
        report("inv-3", 0, 5, k -> 4_000);
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0, "inv-3", 50.0)), readings, unhealthy, B);
        List<Estimate> rows = x.estimate(T0 + B, T0 + 5 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);
        assertThat(at(rows, "inv-1", 2).peers()).isEqualTo(1);
        assertThat(at(rows, "inv-1", 2).expectedWh()).isEqualTo(4_000.0);
        assertThat(at(rows, "inv-2", 2).expectedWh()).isEqualTo(4_000.0);
    }

    @Test
    void aGapIsApportionedByExpectedEnergyAndSumsToTheCounter() {
        report("inv-1", 0, 10, k -> 1_000 + 100 * k);
        report("inv-2", 0, 10, k -> 1_000 + 100 * k);
        // inv-3 misses buckets 4..6; its reading at 7 holds the increase since 3
        NavigableMap<Long, Double> r = new TreeMap<>();
        for (int k = 0; k < 10; k++) {
            if (k < 4 || k > 6) {
                r.put(T0 + k * B, k == 0 ? Double.NaN : k == 7 ? 1_400.0 + 1_500 + 1_600 + 1_700 : 1_000.0 + 100 * k);
            }
        }
        readings.put("inv-3", r);
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0, "inv-3", 50.0)), readings, unhealthy, B);
        List<Estimate> rows = x.estimate(T0 + B, T0 + 10 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);
        double sum = 0;
        for (int k = 4; k <= 7; k++) {
            Estimate e = at(rows, "inv-3", k);
            assertThat(e.basis()).isEqualTo(Basis.APPORTIONED);
            assertThat(e.actualWh()).as("bucket %d", k).isCloseTo(1_000.0 + 100 * k, within(1e-6));
            sum += e.actualWh();
        }
        assertThat(sum).isCloseTo(6_200, within(1e-6));
        assertThat(at(rows, "inv-3", 3).basis()).isEqualTo(Basis.MEASURED);
        // the other two still have each other: inv-3 is no peer over its gap
        assertThat(at(rows, "inv-1", 5).peers()).isEqualTo(1);
    }

    @Test
    void aSilentInverterHasExpectedEnergyButNoActualYet() {
        report("inv-1", 0, 8, k -> 4_000);
        report("inv-2", 0, 8, k -> 4_000);
        report("inv-3", 0, 3, k -> 4_000); // silent from bucket 3 on: its link is down
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0, "inv-3", 50.0)), readings, unhealthy, B);
        List<Estimate> rows = x.estimate(T0 + B, T0 + 8 * B, Long.MIN_VALUE, Set.of("inv-3"), NO_RATIO);
        Estimate e = at(rows, "inv-3", 6);
        assertThat(e.expectedWh()).isEqualTo(4_000.0);
        assertThat(e.actualWh()).isNull();
        assertThat(e.basis()).isEqualTo(Basis.UNKNOWN);
    }

    @Test
    void aStationSilentAsAWholeIsComparedOverItsOneLongInterval() {
        // the gateway was down from bucket 3 to 9: every inverter's bucket-9 reading holds the whole outage
        for (String d : List.of("inv-1", "inv-2")) {
            NavigableMap<Long, Double> r = new TreeMap<>();
            for (int k : new int[]{0, 1, 2, 9, 10}) {
                r.put(T0 + k * B, k == 0 ? Double.NaN : k == 9 ? 7 * 4_000.0 : 4_000.0);
            }
            readings.put(d, r);
        }
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0)), readings, unhealthy, B);
        List<Estimate> rows = x.estimate(T0 + B, T0 + 11 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);
        double expected = 0;
        double actual = 0;
        for (int k = 3; k <= 9; k++) {
            Estimate e = at(rows, "inv-1", k);
            assertThat(e.method()).isEqualTo(Method.REFERENCE);
            expected += e.expectedWh();
            actual += e.actualWh();
        }
        // they kept producing: nothing lost, and the outage's energy is spread over its buckets by the sun
        assertThat(expected).isCloseTo(28_000, within(1e-6));
        assertThat(actual).isCloseTo(28_000, within(1e-6));
        assertThat(at(rows, "inv-1", 8).actualWh()).isGreaterThan(at(rows, "inv-1", 3).actualWh()); // the morning sun rises
    }

    @Test
    void aStationThatWasReallyDarkIsModelledFromItsOwnPerformanceRatio() {
        for (String d : List.of("inv-1", "inv-2")) {
            NavigableMap<Long, Double> r = new TreeMap<>();
            for (int k : new int[]{0, 1, 2, 9, 10}) {
                r.put(T0 + k * B, k == 0 ? Double.NaN : k == 9 ? 0.0 : 4_000.0);
            }
            readings.put(d, r);
        }
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0)), readings, unhealthy, B);
        List<Estimate> rows = x.estimate(T0 + B, T0 + 11 * B, Long.MIN_VALUE, Set.of(), b -> new PerformanceRatio.Result(0.8, null));
        double expected = 0;
        for (int k = 3; k <= 9; k++) {
            Estimate e = at(rows, "inv-2", k);
            assertThat(e.method()).isEqualTo(Method.MODELLED);
            assertThat(e.actualWh()).isZero();
            expected += e.expectedWh();
        }
        double sky = ClearSkyYield.whPerKwp(LAT, LON, T0 + 2 * B, T0 + 9 * B);
        assertThat(expected).isCloseTo(sky * 50 * 0.8, within(1e-6));
        assertThat(sky).as("35 minutes of June morning sun on 1 kWp").isBetween(400.0, 600.0);
    }

    @Test
    void withoutPeersOrWhatTheModelNeedsItSaysWhy() {
        report("solo", 0, 4, k -> 4_000);
        unhealthy.put("solo", List.of(new long[]{T0 + 2 * B, Long.MAX_VALUE}));
        List<Estimate> noHistory = new ExpectedEnergy(station(Map.of("solo", 50.0)), readings, unhealthy, B)
                .estimate(T0 + B, T0 + 4 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);
        assertThat(at(noHistory, "solo", 3).expectedWh()).isNull();
        assertThat(at(noHistory, "solo", 3).method()).isEqualTo(Method.UNAVAILABLE);
        assertThat(at(noHistory, "solo", 3).note()).isEqualTo("no healthy peer inverter, and no history (test)");

        List<Estimate> noPlace = new ExpectedEnergy(new ExpectedEnergy.Station("st", Double.NaN, Double.NaN, Map.of("solo", 50.0)),
                readings, unhealthy, B).estimate(T0 + B, T0 + 4 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);
        assertThat(at(noPlace, "solo", 3).note()).contains("no coordinates for station st");

        List<Estimate> noKwp = new ExpectedEnergy(station(Map.of()), readings, unhealthy, B)
                .estimate(T0 + B, T0 + 4 * B, Long.MIN_VALUE, Set.of(), NO_RATIO);
        assertThat(at(noKwp, "solo", 3).note()).contains("no kWp declared");
    }

    @Test
    void theRatioIsTheHealthyHistorysYieldAgainstTheClearSky() {
        // a day at 70 % of the clear sky on a station with one inverter out all day
        long dayStart = Instant.parse("2026-06-20T16:00:00Z").toEpochMilli();
        for (String d : List.of("inv-1", "inv-2", "inv-3")) {
            NavigableMap<Long, Double> r = new TreeMap<>();
            for (long t = dayStart; t < dayStart + 86_400_000L; t += B) {
                double sky = ClearSkyYield.whPerKwp(LAT, LON, t - B, t);
                r.put(t, r.isEmpty() ? Double.NaN : d.equals("inv-3") ? 0.0 : 0.7 * sky * 50);
            }
            readings.put(d, r);
        }
        unhealthy.put("inv-3", List.of(new long[]{dayStart, Long.MAX_VALUE}));
        ExpectedEnergy x = new ExpectedEnergy(station(Map.of("inv-1", 50.0, "inv-2", 50.0, "inv-3", 50.0)), readings, unhealthy, B);
        double[] sums = x.healthyDaylight(dayStart, dayStart + 86_400_000L);
        PerformanceRatio.Result pr = PerformanceRatio.of("st", LocalDate.of(2026, 6, 21), sums, 150);
        assertThat(pr.ratio()).isCloseTo(0.7, within(1e-9));
        PerformanceRatio.Result tooLittle = PerformanceRatio.of("st", LocalDate.of(2026, 6, 21), new double[]{100, 1_000}, 150);
        assertThat(tooLittle.ratio()).isNull();
        assertThat(tooLittle.missing()).startsWith("too little healthy history in the 7 days before 2026-06-21");
    }
}
