package org.yangguang.gateway.mqtt;

import org.yangguang.contract.TelemetryBatch;
import org.yangguang.gateway.buffer.BufferedRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A burst as messages (contract v2): each device's readings in their order, at most {@code maxBatch} readings and
 * {@link #MAX_BATCH_BYTES} a message as {@link TelemetryBatch#encode} lays it out (a single larger reading goes alone).
 */
final class BatchCutter {
    /** A message's payload at most: well under the collector's limit and any broker's usual message size limit. */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private BatchCutter() {
    }

    static List<List<BufferedRecord>> cut(List<BufferedRecord> burst, int maxBatch) {
        Map<String, OpenBatch> open = new LinkedHashMap<>();
        List<List<BufferedRecord>> out = new ArrayList<>();
        for (BufferedRecord r : burst) {
            OpenBatch b = open.get(r.topic());
            if (b != null && !b.takes(r, maxBatch)) {
                out.add(b.records);
                b = null;
            }
            if (b == null) {
                b = new OpenBatch();
                open.put(r.topic(), b);
            }
            b.add(r);
        }
        open.values().forEach(b -> out.add(b.records));
        return out;
    }

    /** A device's message being filled: its readings and their payload bytes. */
    private static final class OpenBatch {
        final List<BufferedRecord> records = new ArrayList<>();
        int payloadBytes;

        boolean takes(BufferedRecord r, int maxBatch) {
            return records.size() < maxBatch
                    && payloadBytes + r.payload().length + TelemetryBatch.overhead(records.size() + 1) <= MAX_BATCH_BYTES;
        }

        void add(BufferedRecord r) {
            records.add(r);
            payloadBytes += r.payload().length;
        }
    }
}
