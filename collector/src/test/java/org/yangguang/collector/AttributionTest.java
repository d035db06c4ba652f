package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.expected.ExpectedEnergy;
import org.yangguang.collector.expected.ExpectedEnergy.Basis;
import org.yangguang.collector.expected.ExpectedEnergy.Estimate;
import org.yangguang.collector.expected.ExpectedEnergy.Method;
import org.yangguang.collector.loss.Attribution;
import org.yangguang.collector.loss.Attribution.DayLoss;
import org.yangguang.collector.loss.Episode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bucket's loss goes to one episode, the most specific cause; days are local days. */
class AttributionTest {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** 2026-06-21 22:00 Beijing time: two hours before a local midnight. */
    static final long T0 = Instant.parse("2026-06-21T14:00:00Z").toEpochMilli();
    static final long B = ExpectedEnergy.BUCKET_MS;
    static final LocalDate DAY1 = LocalDate.of(2026, 6, 21);
    static final LocalDate DAY2 = LocalDate.of(2026, 6, 22);

    private final Map<String, NavigableMap<Long, Estimate>> rows = new LinkedHashMap<>();

    /** 48 buckets (four hours, across midnight) of 1000 Wh expected and 200 Wh produced per inverter. */
    private void rows(String... devices) {
        for (String d : devices) {
            rows(d, k -> 200);
        }
    }

    private void rows(String device, java.util.function.IntToDoubleFunction actual) {
        NavigableMap<Long, Estimate> r = new TreeMap<>();
        for (int k = 0; k < 48; k++) {
            r.put(T0 + k * B, new Estimate(device, T0 + k * B, 1_000.0, actual.applyAsDouble(k), Method.REFERENCE, 2, Basis.MEASURED, null));
        }
        rows.put(device, r);
    }

    private static Episode episode(String device, String type, int from, Integer to) {
        return new Episode("st", device, type, "major", type, T0 + from * B + 30_000, to == null ? null : T0 + to * B + 30_000);
    }

    private static long lost(List<DayLoss> days, Episode e) {
        return days.stream().filter(d -> d.episode().equals(e)).mapToLong(DayLoss::lostWh).sum();
    }

    @Test
    void aFaultSeenAlsoAsZeroOutputIsCountedOnceForTheFault() {
        rows("inv-1");
        Episode zero = episode("inv-1", "zero_output_daylight", 2, 20);
        Episode event = episode("inv-1", "vendor_event", 0, 10);
        Map<Episode, Episode.Scope> scopes = new LinkedHashMap<>();
        scopes.put(zero, Episode.Scope.DEVICE);
        scopes.put(event, Episode.Scope.DEVICE);
        List<DayLoss> days = Attribution.compute(scopes, rows, Set.of(zero, event), Set.of(DAY1, DAY2), BEIJING, T0);
        assertThat(lost(days, event)).isEqualTo(11 * 800);
        assertThat(lost(days, zero)).as("buckets 11..20 only").isEqualTo(10 * 800);
    }

    @Test
    void aStationOutageTakesWhatNoInverterEpisodeTookAndDaysSplitAtLocalMidnight() {
        rows("inv-1");
        rows("inv-2", k -> k >= 20 && k < 30 ? 200 : 1_000); // short only in its own fault
        Episode gateway = episode("gw-1", "gateway_offline", 0, 47);
        Episode fault = episode("inv-2", "fault", 20, 29);
        Map<Episode, Episode.Scope> scopes = new LinkedHashMap<>();
        scopes.put(gateway, Episode.Scope.STATION);
        scopes.put(fault, Episode.Scope.DEVICE);
        List<DayLoss> days = Attribution.compute(scopes, rows, Set.of(gateway, fault), Set.of(DAY1, DAY2), BEIJING, T0);
        assertThat(lost(days, fault)).isEqualTo(10 * 800);
        assertThat(lost(days, gateway)).as("inv-1's shortfall; inv-2 made what it should outside its fault")
                .isEqualTo(48 * 800);
        // 22:00 .. 24:00 is the first day: 24 buckets of inv-1, and 4 of inv-2's fault
        DayLoss first = days.stream().filter(d -> d.episode().equals(gateway) && d.date().equals(DAY1)).findFirst().orElseThrow();
        assertThat(first.lostWh()).isEqualTo(24 * 800);
        assertThat(days.stream().filter(d -> d.episode().equals(fault)).map(d -> d.date() + " " + d.lostWh()))
                .containsExactlyInAnyOrder(DAY1 + " " + 4 * 800, DAY2 + " " + 6 * 800);
    }

    @Test
    void whatNobodyKnowsIsUnconfirmedAndWhatCannotBeEstimatedIsUnpriced() {
        NavigableMap<Long, Estimate> r = new TreeMap<>();
        for (int k = 0; k < 10; k++) {
            long t = T0 + k * B;
            r.put(t, k < 4 ? new Estimate("inv-1", t, 1_000.0, null, Method.REFERENCE, 1, Basis.UNKNOWN, null)
                    : new Estimate("inv-1", t, null, 0.0, Method.UNAVAILABLE, 0, Basis.MEASURED, "no coordinates"));
        }
        rows.put("inv-1", r);
        Episode offline = episode("inv-1", "device_offline", 0, null);
        List<DayLoss> days = Attribution.compute(Map.of(offline, Episode.Scope.DEVICE), rows, Set.of(offline), Set.of(DAY1),
                BEIJING, T0 + 10 * B);
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.lostWh()).isEqualTo(4_000);
            assertThat(d.unconfirmedWh()).isEqualTo(4_000);
            assertThat(d.unpricedBuckets()).isEqualTo(6);
            assertThat(d.note()).isEqualTo("no coordinates");
            assertThat(d.method()).isEqualTo("reference");
            assertThat(d.last24hWh()).as("open: the repair queue's rate").isEqualTo(4_000);
        });
    }

    @Test
    void anOnsetSeenLateReachesBackOverTheShortfallBeforeIt() {
        NavigableMap<Long, Estimate> r = new TreeMap<>();
        for (int k = 0; k < 16; k++) {
            double actual = k >= 2 && k < 4 || k >= 6 && k < 12 ? 0 : 1_000;
            r.put(T0 + k * B, new Estimate("inv-1", T0 + k * B, 1_000.0, actual, Method.REFERENCE, 2, Basis.MEASURED, null));
        }
        rows.put("inv-1", r);
        Episode earlier = episode("inv-1", "fault", 2, 3);
        Episode late = episode("inv-1", "zero_output_daylight", 9, 12); // its first three dark buckets went unnoticed
        Map<Episode, Episode.Scope> scopes = new LinkedHashMap<>();
        scopes.put(earlier, Episode.Scope.DEVICE);
        scopes.put(late, Episode.Scope.DEVICE);
        List<DayLoss> days = Attribution.compute(scopes, rows, Set.of(earlier, late), Set.of(DAY1), BEIJING, T0);
        assertThat(lost(days, late)).isEqualTo(6 * 1_000);
        assertThat(lost(days, earlier)).isEqualTo(2 * 1_000);

        // a shortfall that runs into an earlier episode of the inverter stops there
        r.put(T0 + 4 * B, new Estimate("inv-1", T0 + 4 * B, 1_000.0, 0.0, Method.REFERENCE, 2, Basis.MEASURED, null));
        r.put(T0 + 5 * B, new Estimate("inv-1", T0 + 5 * B, 1_000.0, 0.0, Method.REFERENCE, 2, Basis.MEASURED, null));
        days = Attribution.compute(scopes, rows, Set.of(earlier, late), Set.of(DAY1), BEIJING, T0);
        assertThat(lost(days, late)).isEqualTo(8 * 1_000);
        assertThat(lost(days, earlier)).isEqualTo(2 * 1_000);
    }

    @Test
    void eachDaysRowLiesInsideItsDayAlsoBeforeTheOnset() {
        // the onset at 00:05 on the 22nd, reaching back over a shortfall to 23:00 on the 21st
        Episode e = new Episode("st", "inv-1", "fault", "major", "fault", T0 + 25 * B, null);
        long day1 = DAY1.atStartOfDay(BEIJING).toInstant().toEpochMilli();
        long day2 = DAY2.atStartOfDay(BEIJING).toInstant().toEpochMilli();
        long day3 = DAY2.plusDays(1).atStartOfDay(BEIJING).toInstant().toEpochMilli();
        DayLoss before = new DayLoss(e, DAY1, 1_000, 1_000, 0, 0, 0, 0, "reference", null, 0);
        DayLoss onset = new DayLoss(e, DAY2, 1_000, 1_000, 0, 0, 0, 0, "reference", null, 0);
        assertThat(org.yangguang.collector.loss.LossSchema.sample(before, day1, day2).timeMs()).isEqualTo(day1);
        assertThat(org.yangguang.collector.loss.LossSchema.sample(onset, day2, day3).timeMs()).isEqualTo(e.since());
    }

    @Test
    void aKindAddedLaterIsAnEpisodeLikeAnyOther() {
        rows("inv-1");
        Episode gap = episode("inv-1", "some_new_kind", 0, 5);
        Episode offline = episode("inv-1", "device_offline", 0, 5);
        Map<Episode, Episode.Scope> scopes = new LinkedHashMap<>();
        scopes.put(offline, Episode.Scope.DEVICE);
        scopes.put(gap, Episode.Scope.DEVICE);
        List<DayLoss> days = Attribution.compute(scopes, rows, Set.of(gap, offline), Set.of(DAY1), BEIJING, T0);
        assertThat(lost(days, gap)).as("a named cause before 'no data'").isEqualTo(6 * 800);
        assertThat(lost(days, offline)).isZero();
        assertThat(days.stream().filter(d -> d.episode().equals(offline)).map(DayLoss::method)).containsExactly(Attribution.NONE);
    }
}
