package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.receipt.ReadingsAudit;
import org.yangguang.collector.storage.InfluxV1Store;
import org.yangguang.collector.storage.Sample;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.TelemetryMapper;
import org.yangguang.contract.SeqRanges;
import org.yangguang.testkit.Services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gap tracker's look-up on real InfluxDB: a hole's sequence numbers that {@code readings} holds, stored or
 * refused, of that gateway only, within the collector's max age.
 */
class ReadingsAuditTest {
    @Test
    void findsWhatReadingsHoldsOfThatGatewayOnly() throws Exception {
        String db = Influx.freshDatabase();
        // the raw policy keeps 400 days back from InfluxDB's own clock: test times are near the real now
        long now = System.currentTimeMillis();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        try (InfluxV1Store store = new InfluxV1Store(Services.influxUrl(), null, null, new StorageSchema(db))) {
            store.prepare();
            List<Sample> lines = new ArrayList<>();
            for (long seq = 1; seq <= 30; seq++) {
                if (seq >= 16 && seq <= 18) {
                    continue; // really missing
                }
                String outcome = seq == 12 ? StorageSchema.REFUSED : StorageSchema.STORED;
                lines.add(TelemetryMapper.reading(Telemetries.inverter("st-1", "inv-0" + (seq % 3 + 1), now - 60_000 + seq * 1000,
                        seq, 1000, 5000), "d" + seq, outcome, seq == 12 ? "ts_too_old" : null));
            }
            // another gateway's numbers in the same range, and this gateway's beyond the max age: neither counts
            lines.add(TelemetryMapper.reading(Telemetries.inverter("st-2", "inv-01", now - 1000, 17, 1000, 5000), "x", StorageSchema.STORED, null));
            lines.add(TelemetryMapper.reading(Telemetries.inverter("st-1", "inv-01", now - Duration.ofDays(380).toMillis(), 18, 1000, 5000),
                    "y", StorageSchema.STORED, null));
            store.write(lines);

            ReadingsAudit audit = new ReadingsAudit(store, new StorageSchema(db), clock, Duration.ofDays(365));
            SeqRanges found = audit.accounted("st-1", "gw-st-1", 10, 20);
            assertThat(found.toString()).isEqualTo("10-15,19-20");
            assertThat(found.count(10, 20)).isEqualTo(8);
            assertThat(found.contains(12)).as("refused is accounted too").isTrue();
            assertThat(audit.accounted("st-1", "gw-st-1", 16, 18).isEmpty()).isTrue();
            store.query("DROP DATABASE \"" + db + "\"");
        }
    }
}
