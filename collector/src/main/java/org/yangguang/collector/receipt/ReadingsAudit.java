package org.yangguang.collector.receipt;

import org.yangguang.collector.storage.Series;
import org.yangguang.collector.storage.StorageSchema;
import org.yangguang.collector.storage.StoreException;
import org.yangguang.collector.storage.TelemetryStore;
import org.yangguang.contract.SeqRanges;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The audit query of docs/storage.md for one hole: which of a gateway's sequence numbers {@code first..last}
 * {@code readings} holds (stored or refused, both accounted). Bounded to the readings the collector accepts
 * ({@code maxAge}), so that it never scans more than that of the gateway's series. Blocking: run it on a worker.
 */
public final class ReadingsAudit {
    private final TelemetryStore store;
    private final StorageSchema schema;
    private final Clock clock;
    private final Duration maxAge;

    public ReadingsAudit(TelemetryStore store, StorageSchema schema, Clock clock, Duration maxAge) {
        this.store = store;
        this.schema = schema;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public SeqRanges accounted(String station, String gateway, long first, long last) throws StoreException {
        long since = clock.millis() - maxAge.toMillis();
        SeqRanges found = new SeqRanges();
        // station and gateway ids are contract-checked ([a-z0-9_-]): safe inside quotes
        for (Series s : store.query("SELECT seq FROM " + schema.raw(StorageSchema.READINGS) + " WHERE station = '" + station
                + "' AND gateway = '" + gateway + "' AND seq >= " + first + " AND seq <= " + last + " AND time >= " + since + "ms")) {
            int col = s.column("seq");
            for (List<Object> row : s.values()) {
                found.add(((Number) row.get(col)).longValue());
            }
        }
        return found;
    }
}
