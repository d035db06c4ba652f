package org.yangguang.collector.receipt;

import org.yangguang.collector.CollectorMetrics;
import org.yangguang.contract.Receipt;
import org.yangguang.contract.SeqRanges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Every reading accounted for, per gateway: the sequence numbers all collectors have receipted (stored or refused:
 * every collector reads every gateway's receipts, its own and the others'), and the holes between them. A hole is
 * normal for a moment: a reading the broker lost is replayed after the gateway's receipt timeout. One that stays
 * open past {@code alarmAfter} (longer than the replay window) is a "telemetry gap" alarm for the gateway: readings
 * the gateway dropped (its buffer quota, a wiped disk) or that never came back, which an operator must explain.
 * Open holes are the {@code yangguang_collector_telemetry_gap_readings} metric.
 *
 * <p>It knows what it has seen since it started; the full history is in InfluxDB ({@code readings}, the audit query
 * in docs/storage.md). So before a hole becomes an alarm it is looked up there ({@link Audit}): receipts are not
 * retained, and a collector that (re)started mid-stream never heard the receipts the other collectors sent before it
 * subscribed. Without that look-up the soak (2 collectors, 468 stations) raised 744 gap alarms for readings that were
 * all stored, two minutes after each collector restart. Confined to the event loop.
 */
public final class GapTracker {
    /** Where the alarm goes (the alarm engine), raised or cleared per gateway. */
    public interface Alarms {
        void gapOpen(String station, String gateway, long ts, String detail);

        void gapClosed(String station, String gateway, long ts, String detail);
    }

    /**
     * Which of a gateway's sequence numbers {@code first..last} storage holds as accounted (stored or refused);
     * completes on the event loop, or fails when storage cannot say.
     */
    public interface Audit {
        CompletionStage<SeqRanges> accounted(String station, String gateway, long first, long last);
    }

    /** Readings {@code first..last} missing, first seen missing at {@code since}. */
    private record Hole(long first, long last, long since) {
    }

    private static final class Gateway {
        final String station;
        final String id;
        final SeqRanges accounted = new SeqRanges();
        List<Hole> holes = List.of();
        boolean alarmed;
        boolean auditing;

        Gateway(String station, String id) {
            this.station = station;
            this.id = id;
        }
    }

    private final Clock clock;
    private final long alarmAfterMs;
    private final CollectorMetrics metrics;
    private final Map<String, Gateway> gateways = new HashMap<>();
    private Alarms alarms;
    private Audit audit;

    public GapTracker(Clock clock, Duration alarmAfter, CollectorMetrics metrics) {
        this.clock = clock;
        this.alarmAfterMs = alarmAfter.toMillis();
        this.metrics = metrics;
    }

    /** Where gap alarms go; none: only the metric. */
    public void alarms(Alarms alarms) {
        this.alarms = alarms;
    }

    /** Where holes are looked up before they raise an alarm; none: every hole past the window is an alarm. */
    public void audit(Audit audit) {
        this.audit = audit;
    }

    public void onReceipt(Receipt r) {
        Gateway g = gateways.computeIfAbsent(r.station() + "/" + r.gateway(), k -> new Gateway(r.station(), r.gateway()));
        g.accounted.addAll(r.accounted());
        update(g, clock.millis());
    }

    /** Recomputes the gateway's holes from what is accounted, keeping each hole's first-missed time; may close the alarm. */
    private void update(Gateway g, long now) {
        List<Hole> holes = new ArrayList<>();
        long missing = 0;
        for (SeqRanges.Range h : g.accounted.missing(g.accounted.first(), g.accounted.last())) {
            // a hole that shrank or split keeps the time its readings were first missed
            long since = now;
            for (Hole old : g.holes) {
                if (old.first() <= h.last() && old.last() >= h.first()) {
                    since = Math.min(since, old.since());
                }
            }
            holes.add(new Hole(h.first(), h.last(), since));
            missing += h.size();
        }
        g.holes = holes;
        metrics.telemetryGap(g.station, g.id, missing);
        if (holes.isEmpty() && g.alarmed) {
            g.alarmed = false;
            if (alarms != null) {
                alarms.gapClosed(g.station, g.id, now, "every reading up to seq " + g.accounted.last() + " is stored or refused");
            }
        }
    }

    /**
     * Raises the alarm for gateways with a hole open longer than the window, once storage confirmed the hole; run
     * every few seconds.
     */
    public void check() {
        long now = clock.millis();
        for (Gateway g : gateways.values()) {
            if (g.alarmed || g.auditing || g.holes.isEmpty() || now - oldest(g, now) < alarmAfterMs) {
                continue;
            }
            if (audit == null) {
                raise(g, now);
                continue;
            }
            g.auditing = true;
            audit.accounted(g.station, g.id, g.holes.get(0).first(), g.holes.get(g.holes.size() - 1).last())
                    .whenComplete((found, failure) -> {
                        g.auditing = false;
                        long t = clock.millis();
                        if (found != null) {
                            g.accounted.addAll(found);
                            update(g, t);
                        }
                        // storage unreachable: the holes stand as seen; an alarm an operator checks beats silence
                        if (!g.alarmed && !g.holes.isEmpty() && t - oldest(g, t) >= alarmAfterMs) {
                            raise(g, t);
                        }
                    });
        }
    }

    private void raise(Gateway g, long now) {
        g.alarmed = true;
        if (alarms != null) {
            alarms.gapOpen(g.station, g.id, oldest(g, now) + alarmAfterMs, describe(g, now));
        }
    }

    private static long oldest(Gateway g, long now) {
        return g.holes.stream().mapToLong(Hole::since).min().orElse(now);
    }

    private static String describe(Gateway g, long now) {
        List<Hole> holes = g.holes;
        long missing = holes.stream().mapToLong(h -> h.last() - h.first() + 1).sum();
        long oldest = oldest(g, now);
        List<String> ranges = holes.stream().map(h -> new SeqRanges.Range(h.first(), h.last()).toString()).toList();
        String which = ranges.size() <= 5 ? String.join(",", ranges) : String.join(",", ranges.subList(0, 5)) + " and "
                + (ranges.size() - 5) + " more";
        return missing + " readings of gateway " + g.id + " (seq " + which + ") missing since "
                + Instant.ofEpochMilli(oldest) + ", past the replay window: dropped by the gateway (buffer quota, disk) "
                + "or never stored; the audit query in docs/storage.md lists them";
    }

    /** Readings in open holes of one gateway (0 when it has none or is unknown). */
    public long missing(String station, String gateway) {
        Gateway g = gateways.get(station + "/" + gateway);
        return g == null ? 0 : g.holes.stream().mapToLong(h -> h.last() - h.first() + 1).sum();
    }
}
