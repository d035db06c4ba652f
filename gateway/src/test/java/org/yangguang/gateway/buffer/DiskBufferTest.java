package org.yangguang.gateway.buffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.SeqRanges;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DiskBufferTest {
    private static final long MB = 1024 * 1024;

    private static byte[] payload(long seq) {
        return ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void assignsIncreasingSequenceNumbersAndReadsBackInOrder(@TempDir Path dir) {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            for (int i = 0; i < 5; i++) {
                assertThat(b.append("t/a", DiskBufferTest::payload).seq()).isEqualTo(i + 1);
            }
            List<BufferedRecord> all = b.readAfter(0, Long.MAX_VALUE, 100);
            assertThat(all).extracting(BufferedRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(all.get(2).topic()).isEqualTo("t/a");
            assertThat(new String(all.get(2).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"seq\":3}");
            assertThat(b.readAfter(2, 5, 100)).extracting(BufferedRecord::seq).containsExactly(3L, 4L);
            assertThat(b.pending()).isEqualTo(5);
        }
    }

    @Test
    void receiptsConfirmRangesInAnyOrderAndNeverNumbersNotYetHandedOut(@TempDir Path dir) {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            for (int i = 0; i < 10; i++) {
                b.append("t/a", DiskBufferTest::payload);
            }
            // a receipt for 4-6 and 9 (a broker lost 1-3 and 7-8, which are sent again)
            assertThat(b.confirm(SeqRanges.of(4, 6))).isEqualTo(3);
            b.confirm(9);
            assertThat(b.confirmedUpTo()).isZero();
            assertThat(b.unconfirmed().toString()).isEqualTo("1-3,7-8,10");
            assertThat(b.unconfirmed(SeqRanges.of(2, 9)).toString()).isEqualTo("2-3,7-8");
            assertThat(b.readAfter(0, Long.MAX_VALUE, 100)).extracting(BufferedRecord::seq).containsExactly(1L, 2L, 3L, 7L, 8L, 10L);
            assertThat(b.confirm(SeqRanges.of(4, 6))).as("the same receipt again is no news").isZero();
            assertThat(b.confirm(1, 3)).isEqualTo(3);
            assertThat(b.confirmedUpTo()).isEqualTo(6);
            // a receipt cannot speak of readings not yet written (a late one from before a wiped buffer, a forgery)
            assertThat(b.confirm(10, 50)).isEqualTo(1);
            assertThat(b.pending()).isEqualTo(2);
            BufferedRecord next = b.append("t/a", DiskBufferTest::payload);
            assertThat(next.seq()).isEqualTo(11);
            assertThat(b.unconfirmed().contains(11)).isTrue();
            assertThat(b.pending()).isEqualTo(3);
        }
    }

    @Test
    void readingsAppendedTogetherGetConsecutiveNumbersAndSurviveAReopen(@TempDir Path dir) {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            b.append("t/a", DiskBufferTest::payload);
            // what the store thread hands over in one turn: one write; a reading it could not encode takes no number
            BufferedRecord[] stored = b.appendAll(List.of(new DiskBuffer.Entry("t/a", DiskBufferTest::payload),
                    new DiskBuffer.Entry("t/b", seq -> null), new DiskBuffer.Entry("t/c", DiskBufferTest::payload)));
            assertThat(stored[0].seq()).isEqualTo(2);
            assertThat(stored[1]).isNull();
            assertThat(stored[2].seq()).isEqualTo(3);
            assertThat(b.appendAll(List.of(new DiskBuffer.Entry("t/d", seq -> null)))).containsOnlyNulls();
            assertThat(b.append("t/e", DiskBufferTest::payload).seq()).isEqualTo(4);
        }
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            List<BufferedRecord> all = b.readAfter(0, Long.MAX_VALUE, 100);
            assertThat(all).extracting(BufferedRecord::topic).containsExactly("t/a", "t/a", "t/c", "t/e");
            assertThat(all).extracting(r -> new String(r.payload(), StandardCharsets.UTF_8))
                    .containsExactly("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}", "{\"seq\":4}");
            assertThat(b.nextSeq()).isEqualTo(5);
        }
    }

    @Test
    void anOldSegmentThatVanishedIsCountedAsDroppedWhenReplayReachesIt(@TempDir Path dir) throws Exception {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, 32)) { // one 28-byte record a segment
            for (int i = 0; i < 4; i++) {
                b.append("t", DiskBufferTest::payload);
            }
            Files.delete(dir.resolve(String.format("%020d.seg", 1)));
            b.sync(); // the newest segment is still there: a sync does not look further
            assertThat(b.dropped()).isZero();
            assertThat(b.readAfter(0, Long.MAX_VALUE, 100)).as("the replay stops at the gap once").isEmpty();
            assertThat(b.dropped()).isEqualTo(1);
            assertThat(b.pending()).isEqualTo(3);
            assertThat(b.readAfter(0, Long.MAX_VALUE, 100)).extracting(BufferedRecord::seq).containsExactly(2L, 3L, 4L);
            b.confirm(2);
            b.confirm(3);
            b.confirm(4);
            assertThat(b.confirmedUpTo()).as("the lost reading is not waited for").isEqualTo(4);
        }
    }

    @Test
    void advancesOnlyOverContiguousAcknowledgements(@TempDir Path dir) {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            for (int i = 0; i < 5; i++) {
                b.append("t", DiskBufferTest::payload);
            }
            b.confirm(2);
            b.confirm(4);
            assertThat(b.confirmedUpTo()).isZero();
            assertThat(b.pending()).isEqualTo(3);
            assertThat(b.readAfter(0, Long.MAX_VALUE, 100)).extracting(BufferedRecord::seq).containsExactly(1L, 3L, 5L);
            b.confirm(1);
            assertThat(b.confirmedUpTo()).isEqualTo(2);
            b.confirm(3);
            assertThat(b.confirmedUpTo()).isEqualTo(4);
            b.confirm(5);
            assertThat(b.pending()).isZero();
        }
    }

    @Test
    void survivesRestartWithSequenceAndUnacknowledgedReadings(@TempDir Path dir) {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            for (int i = 0; i < 10; i++) {
                b.append("t", DiskBufferTest::payload);
            }
            for (long s = 1; s <= 6; s++) {
                b.confirm(s);
            }
        }
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            assertThat(b.confirmedUpTo()).isEqualTo(6);
            assertThat(b.pending()).isEqualTo(4);
            assertThat(b.readAfter(b.confirmedUpTo(), Long.MAX_VALUE, 100)).extracting(BufferedRecord::seq)
                    .containsExactly(7L, 8L, 9L, 10L);
            assertThat(b.append("t", DiskBufferTest::payload).seq()).isEqualTo(11);
        }
    }

    @Test
    void sequenceKeepsIncreasingAfterEverythingWasAcknowledgedAndDeleted(@TempDir Path dir) {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            for (int i = 0; i < 3; i++) {
                b.confirm(b.append("t", DiskBufferTest::payload).seq());
            }
        }
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            assertThat(b.pending()).isZero();
            assertThat(b.append("t", DiskBufferTest::payload).seq()).isEqualTo(4);
        }
    }

    @Test
    void quotaDropsOldestSegmentsAndCountsWhatWasLost(@TempDir Path dir) {
        int n = 2000;
        try (DiskBuffer b = DiskBuffer.open(dir, 8 * 1024, 2 * 1024)) {
            for (int i = 0; i < n; i++) {
                b.append("yangguang/v1/telemetry/s/d", DiskBufferTest::payload);
            }
            assertThat(b.bytes()).isLessThanOrEqualTo(8 * 1024);
            assertThat(b.dropped()).isPositive();
            // Nothing is silently lost: every reading is either still buffered or counted as dropped.
            assertThat(b.pending() + b.dropped()).isEqualTo(n);
            List<BufferedRecord> left = b.readAfter(0, Long.MAX_VALUE, n);
            assertThat(left).hasSize((int) b.pending());
            assertThat(left.get(left.size() - 1).seq()).isEqualTo(n);
            // The oldest survivors follow the dropped ones without a gap.
            assertThat(left.get(0).seq()).isEqualTo(b.dropped() + 1);
        }
    }

    @Test
    void tornRecordAtTheTailIsCutAtStartup(@TempDir Path dir) throws Exception {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            for (int i = 0; i < 3; i++) {
                b.append("t", DiskBufferTest::payload);
            }
        }
        Path seg;
        try (Stream<Path> s = Files.list(dir)) {
            seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        // A power cut in the middle of a write leaves a length prefix and half a record.
        Files.write(seg, new byte[]{0, 0, 0, 40, 0, 0, 0, 0, 0, 0}, StandardOpenOption.APPEND);
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, MB)) {
            assertThat(b.readAfter(0, Long.MAX_VALUE, 100)).extracting(BufferedRecord::seq).containsExactly(1L, 2L, 3L);
            assertThat(b.append("t", DiskBufferTest::payload).seq()).isEqualTo(4);
            assertThat(b.readAfter(0, Long.MAX_VALUE, 100)).extracting(BufferedRecord::seq).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void rollsSegmentsAndDeletesThemOnceAcknowledged(@TempDir Path dir) throws Exception {
        try (DiskBuffer b = DiskBuffer.open(dir, 64 * MB, 1024)) {
            for (int i = 0; i < 200; i++) {
                b.append("t", DiskBufferTest::payload);
            }
            assertThat(segments(dir)).isGreaterThan(3);
            assertThat(b.readAfter(0, Long.MAX_VALUE, 1000)).hasSize(200);
            for (long s = 1; s <= 200; s++) {
                b.confirm(s);
            }
            assertThat(segments(dir)).isEqualTo(1);
            assertThat(b.pending()).isZero();
        }
    }

    private static long segments(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }
}
