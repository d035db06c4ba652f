package org.yangguang.collector.storage;

import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One poll of one device → the lines stored for it. Tags are only ids and the device's kind and model, so the
 * number of series is bounded by the number of devices (a few per station), never by values.
 */
public final class TelemetryMapper {
    private TelemetryMapper() {
    }

    public static List<Sample> map(Telemetry t) {
        return map(t, ReadingDigest.of(t));
    }

    /** With the reading's {@link ReadingDigest}, when the caller has it already. */
    public static List<Sample> map(Telemetry t, String digest) {
        Map<String, String> tags = new HashMap<>(8);
        tags.put("station", t.station());
        tags.put("device", t.device());
        tags.put("kind", t.kind());
        List<Sample> out = new ArrayList<>(3);
        out.add(reading(t, digest, StorageSchema.STORED, null));
        if (t.status() != DeviceStatus.OK) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("status", t.status().wire());
            fields.put("error", t.error() == null ? "" : t.error());
            fields.put("gateway", t.gateway());
            out.add(new Sample(StorageSchema.DEVICE_STATUS, tags, fields, t.ts()));
        }
        if (t.points().isEmpty()) {
            return out;
        }
        Map<String, String> telemetryTags = new HashMap<>(tags);
        telemetryTags.put("model", t.model());
        Map<String, Object> values = new LinkedHashMap<>(t.points().size() * 2);
        Map<String, Object> texts = null;
        for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
            values.put(e.getKey(), e.getValue().value());
            if (e.getValue().text() != null) {
                if (texts == null) {
                    texts = new LinkedHashMap<>();
                }
                texts.put(e.getKey(), e.getValue().text());
            }
        }
        out.add(new Sample(StorageSchema.TELEMETRY, telemetryTags, values, t.ts()));
        if (texts != null) {
            // kept apart so that telemetry holds only floats: aggregates over it never meet a string
            out.add(new Sample(StorageSchema.TELEMETRY_TEXT, tags, texts, t.ts()));
        }
        return out;
    }

    /**
     * The reading's line in {@code readings}: which gateway sent it with which sequence number (so every reading can
     * be counted, and a gap found, by anyone with InfluxQL: docs/storage.md) and its digest (so a second reading for
     * the device and time is recognised as the same one, or refused). A refused reading gets a line too, with the
     * reason, so that an audit accounts for it.
     */
    public static Sample reading(Telemetry t, String digest, String outcome, String reason) {
        Map<String, String> tags = new HashMap<>(8);
        tags.put("station", t.station());
        tags.put("device", t.device());
        tags.put("gateway", t.gateway());
        tags.put("outcome", outcome);
        Map<String, Object> fields = new LinkedHashMap<>(4);
        fields.put("seq", (double) t.seq()); // a float like every number here: exact up to 2^53
        fields.put("digest", digest);
        if (reason != null) {
            fields.put("reason", reason);
        }
        return new Sample(StorageSchema.READINGS, tags, fields, t.ts());
    }
}
