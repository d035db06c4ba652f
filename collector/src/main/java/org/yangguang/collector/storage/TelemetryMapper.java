package org.yangguang.collector.storage;

import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * The tags of a device's lines: the same for every reading of it, so made once (sorted, frozen) and kept; a
     * collector sees a few thousand devices. Cleared if it ever grows past {@link #TAG_CACHE_LIMIT}, which only ids
     * nobody registered could make it do.
     */
    private static final ConcurrentHashMap<TagKey, Frozen<String>> TAGS = new ConcurrentHashMap<>();
    static final int TAG_CACHE_LIMIT = 200_000;

    /** Names and values alternating; the names tell the tag sets of different measurements apart. */
    private record TagKey(String[] namesAndValues) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TagKey k && java.util.Arrays.equals(namesAndValues, k.namesAndValues);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(namesAndValues);
        }
    }

    private static Frozen<String> tags(String... namesAndValues) {
        TagKey k = new TagKey(namesAndValues);
        Frozen<String> tags = TAGS.get(k);
        if (tags == null) {
            Map<String, String> m = new HashMap<>(8);
            for (int i = 0; i < namesAndValues.length; i += 2) {
                m.put(namesAndValues[i], namesAndValues[i + 1]);
            }
            tags = Frozen.tags(m);
            if (TAGS.size() >= TAG_CACHE_LIMIT) {
                TAGS.clear();
            }
            TAGS.put(k, tags);
        }
        return tags;
    }

    /** With the reading's {@link ReadingDigest}, when the caller has it already. */
    public static List<Sample> map(Telemetry t, String digest) {
        Frozen<String> tags = tags("station", t.station(), "device", t.device(), "kind", t.kind());
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
        Frozen<String> telemetryTags = tags("station", t.station(), "device", t.device(), "kind", t.kind(), "model", t.model());
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(t.points().size() * 2);
        LinkedHashMap<String, Object> texts = null;
        for (Map.Entry<String, PointValue> e : t.points().entrySet()) {
            values.put(e.getKey(), e.getValue().value());
            if (e.getValue().text() != null) {
                if (texts == null) {
                    texts = new LinkedHashMap<>();
                }
                texts.put(e.getKey(), e.getValue().text());
            }
        }
        out.add(new Sample(StorageSchema.TELEMETRY, telemetryTags, Frozen.fieldsTakenOver(values), t.ts()));
        if (texts != null) {
            // kept apart so that telemetry holds only floats: aggregates over it never meet a string
            out.add(new Sample(StorageSchema.TELEMETRY_TEXT, tags, Frozen.fieldsTakenOver(texts), t.ts()));
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
        Frozen<String> tags = tags("station", t.station(), "device", t.device(), "gateway", t.gateway(), "outcome", outcome);
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>(4);
        fields.put("seq", (double) t.seq()); // a float like every number here: exact up to 2^53
        fields.put("digest", digest);
        if (reason != null) {
            fields.put("reason", reason);
        }
        return new Sample(StorageSchema.READINGS, tags, Frozen.fieldsTakenOver(fields), t.ts());
    }
}
