package org.yangguang.collector;

import io.micrometer.core.instrument.DistributionSummary;
import org.junit.jupiter.api.Test;
import org.yangguang.collector.alarm.AlarmMode;
import org.yangguang.contract.Topics;
import org.yangguang.testkit.Services;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * InfluxDB pays per request, so under a steady flow writes carry full batches: when a write ends, the next one goes
 * only if its batch is full or has waited the linger, not with whatever arrived during the write (which cut
 * batches to a quarter of their size in the benchmark).
 */
class BatchingTest {
    @Test
    void aSteadyFlowIsWrittenInFullBatches() throws Exception {
        String db = Influx.freshDatabase();
        // alarms off: their writes share the writer (and its batch metric), and an offline check could add some
        // a reading is two lines (telemetry and its line in readings): 200 lines is 100 readings
        CollectorConfig cfg = SpineTest.config(db).batchPoints(200).batchLinger(Duration.ofSeconds(3))
                .writeConcurrency(1).alarms(AlarmMode.OFF).build();
        try (Collector collector = Collector.start(cfg);
             Publisher pub = new Publisher(Services.mqttUrl())) {
            // 300 one-line messages over ~1.5 s: each write ends long before the next 100 have arrived
            for (int i = 0; i < 300; i++) {
                pub.publish(Topics.telemetry("batch-01", "inv-" + (i % 3)), Telemetries.bytes(
                        Telemetries.inverter("batch-01", "inv-" + (i % 3), 1782014400000L - 300_000 + i * 1000L, i, 1000, 5000 + i)));
                Thread.sleep(5);
            }
            pub.flush();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (collector.metrics().storedCount() < 300 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(collector.metrics().storedCount()).isEqualTo(300);
            DistributionSummary lines = collector.metrics().registry().find("yangguang_collector_batch_lines").summary();
            // three full batches; a fourth when a slow write let one batch grow past 100 and left the rest to the linger
            assertThat(lines.count()).as("InfluxDB writes (%s lines in all, largest %s)", lines.totalAmount(), lines.max())
                    .isBetween(3L, 4L);
            assertThat(lines.totalAmount()).isEqualTo(600);
        } finally {
            Influx.drop(Services.influxUrl(), db);
        }
    }
}
