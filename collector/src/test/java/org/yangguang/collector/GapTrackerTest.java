package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.receipt.GapTracker;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;
import org.yangguang.testkit.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class GapTrackerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
    private final CollectorMetrics metrics = new CollectorMetrics();
    private final GapTracker gaps = new GapTracker(clock, Duration.ofMinutes(10), metrics);
    private final List<String> alarms = new ArrayList<>();

    GapTrackerTest() {
        gaps.alarms(new GapTracker.Alarms() {
            @Override
            public void gapOpen(String station, String gateway, long ts, String detail) {
                alarms.add("open " + gateway + " at " + Instant.ofEpochMilli(ts) + ": " + detail);
            }

            @Override
            public void gapClosed(String station, String gateway, long ts, String detail) {
                alarms.add("closed " + gateway);
            }
        });
    }

    private void receipt(String collector, SeqRanges stored, SeqRanges refused) {
        gaps.onReceipt(Receipt.of("s-1", "gw-1", collector, clock.millis(), stored, refused));
    }

    @Test
    void aHoleBetweenReceiptsOfAnyCollectorIsAGapAndAnAlarmOnlyPastTheReplayWindow() {
        receipt("c-1", SeqRanges.of(1, 100), new SeqRanges());
        receipt("c-2", SeqRanges.of(121, 200), SeqRanges.of(101, 105)); // 106-120 lost by the broker, say
        assertThat(gaps.missing("s-1", "gw-1")).isEqualTo(15);
        assertThat(metrics.registry().find("yangguang_collector_telemetry_gap_readings").tag("gateway", "gw-1").gauge().value())
                .isEqualTo(15);
        clock.advance(Duration.ofMinutes(5));
        receipt("c-1", SeqRanges.of(106, 110), new SeqRanges()); // replayed: the hole shrinks, still open since the start
        gaps.check();
        assertThat(alarms).as("inside the replay window").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        gaps.check();
        assertThat(alarms).singleElement().asString().isEqualTo("open gw-1 at 2026-06-21T04:10:00Z: 10 readings of gateway gw-1 "
                + "(seq 111-120) missing since 2026-06-21T04:00:00Z, past the replay window: dropped by the gateway (buffer "
                + "quota, disk) or never stored; the audit query in docs/storage.md lists them");
        gaps.check();
        assertThat(alarms).as("raised once").hasSize(1);
        receipt("c-2", SeqRanges.of(111, 120), new SeqRanges());
        assertThat(alarms).last().isEqualTo("closed gw-1");
        assertThat(gaps.missing("s-1", "gw-1")).isZero();
    }

    @Test
    void aNewHoleIsTimedFromWhenItOpenedNotFromTheOldestEver() {
        receipt("c-1", SeqRanges.of(1, 10), new SeqRanges());
        receipt("c-1", SeqRanges.of(12, 20), new SeqRanges());
        clock.advance(Duration.ofMinutes(9));
        receipt("c-1", SeqRanges.of(11, 11), new SeqRanges()); // the first hole closes
        receipt("c-1", SeqRanges.of(25, 30), new SeqRanges()); // a new one opens
        clock.advance(Duration.ofMinutes(2));
        gaps.check();
        assertThat(alarms).isEmpty();
        clock.advance(Duration.ofMinutes(8));
        gaps.check();
        assertThat(alarms).hasSize(1);
    }

    @Test
    void aHoleAnotherCollectorReceiptedBeforeThisOneListenedIsFoundInStorageAndRaisesNothing() {
        // restarted mid-stream: its own redelivered readings 3, 6, 9 are receipted; the other collector's 1-2, 4-5, 7-8
        // were receipted before this one subscribed to receipts, and are in readings
        List<String> asked = new ArrayList<>();
        gaps.audit((station, gateway, first, last) -> {
            asked.add(gateway + " " + first + "-" + last);
            SeqRanges inStorage = SeqRanges.of(1, 9);
            return CompletableFuture.completedFuture(inStorage);
        });
        for (long seq : new long[]{3, 6, 9}) {
            receipt("c-1", SeqRanges.of(seq, seq), new SeqRanges());
        }
        assertThat(gaps.missing("s-1", "gw-1")).isEqualTo(4);
        clock.advance(Duration.ofMinutes(9));
        gaps.check();
        assertThat(asked).as("not looked up inside the replay window").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        gaps.check();
        assertThat(asked).containsExactly("gw-1 4-8");
        assertThat(alarms).isEmpty();
        assertThat(gaps.missing("s-1", "gw-1")).isZero();
        assertThat(metrics.registry().find("yangguang_collector_telemetry_gap_readings").tag("gateway", "gw-1").gauge().value())
                .isZero();
    }

    @Test
    void whatStorageDoesNotHoldEitherIsTheAlarm() {
        gaps.audit((station, gateway, first, last) -> CompletableFuture.completedFuture(SeqRanges.of(11, 15)));
        receipt("c-1", SeqRanges.of(1, 10), new SeqRanges());
        receipt("c-1", SeqRanges.of(21, 30), new SeqRanges());
        clock.advance(Duration.ofMinutes(10));
        gaps.check();
        assertThat(alarms).singleElement().asString().startsWith("open gw-1 at 2026-06-21T04:10:00Z: 5 readings of gateway gw-1 (seq 16-20)");
    }

    @Test
    void whenStorageCannotSayTheHoleIsStillAnAlarm() {
        CompletableFuture<SeqRanges> unreachable = new CompletableFuture<>();
        gaps.audit((station, gateway, first, last) -> unreachable);
        receipt("c-1", SeqRanges.of(1, 10), new SeqRanges());
        receipt("c-1", SeqRanges.of(21, 30), new SeqRanges());
        clock.advance(Duration.ofMinutes(10));
        gaps.check();
        gaps.check();
        assertThat(alarms).as("one look-up at a time, no alarm while it runs").isEmpty();
        unreachable.completeExceptionally(new IllegalStateException("InfluxDB down"));
        assertThat(alarms).singleElement().asString().startsWith("open gw-1 at 2026-06-21T04:10:00Z: 10 readings");
    }
}
