package org.yangguang.contract;

import java.util.Map;
import java.util.Objects;

/**
 * One poll of one device: one reading of a {@link TelemetryBatch} (v2), or a whole v1 message.
 *
 * @param schema  payload schema version ({@link TelemetryCodec#SCHEMA_VERSION})
 * @param ts      time of the poll, epoch milliseconds UTC, taken by the gateway
 * @param seq     per-gateway sequence number, increasing, kept across restarts by the disk buffer
 * @param error   what went wrong when status is not ok (null when ok)
 * @param points  decoded values by point name, in order, immutable ({@link PointMap}); empty when status is not ok
 */
public record Telemetry(int schema, String station, String gateway, String device, String kind, String model,
                        long ts, long seq, DeviceStatus status, String error, Map<String, PointValue> points) {
    public Telemetry {
        Topics.requireId("station", station);
        Topics.requireId("gateway", gateway);
        Topics.requireId("device", device);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        points = points == null ? PointMap.empty() : PointMap.copyOf(points); // a PointMap is kept, not copied
    }
}
