package org.yangguang.collector.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the collector tells an operator, readable at any load. A condition (InfluxDB failing, back-pressure) is one
 * line when it starts and one when it ends ({@link Condition}). Events that come in floods — dead letters, refused
 * HTTP calls — are logged in full for the first {@value #FIRST_PER_INTERVAL} of each kind (event and reason) per
 * interval; the rest of that interval is counted, and {@link #summarize()} (called every interval) writes one line
 * per kind with the count. A flood of 20,000 malformed payloads is thus 5 lines and a summary a minute, while
 * {@code yangguang_collector_dead_letters_total} still counts every one.
 *
 * <p>Every line carries the key {@code event} ({@code dead_letter}, {@code dead_letter_summary},
 * {@code influxdb_down_on}, ...) and, where it applies, {@code reason}, {@code count} and {@code total}; the JSON
 * format writes them as fields, so an alert rule can match {@code event} without parsing the message.
 */
public final class OperatorLog {
    public static final int FIRST_PER_INTERVAL = 5;

    private static final class Tally {
        final String event;
        final String reason;
        int logged;
        long suppressed;
        long total;

        Tally(String event, String reason) {
            this.event = event;
            this.reason = reason;
        }
    }

    private final Logger log;
    private final Clock clock;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private long windowStart;
    private final Condition influxDown;
    private final Condition backPressure;

    public OperatorLog(Clock clock) {
        this(LoggerFactory.getLogger(OperatorLog.class), clock);
    }

    OperatorLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
        this.windowStart = clock.millis();
        this.influxDown = new Condition(log, clock, "influxdb_down");
        this.backPressure = new Condition(log, clock, "backpressure");
        // the first line with keys would load SLF4J's event builder on the event loop: load it here, on the caller's
        // thread, as Collector.warmUp does for the message path (nothing is logged)
        new org.slf4j.spi.DefaultLoggingEventBuilder(log, Level.INFO).addKeyValue("event", "warm-up").setCause(null);
    }

    /** InfluxDB refused or failed a write that will be retried. */
    public void influxFailing(String why) {
        influxDown.on("InfluxDB write failing (" + why + "): writes are retried, nothing is acknowledged, "
                + "telemetry waits at the broker");
    }

    /** A write succeeded. */
    public void influxWriting() {
        influxDown.off("InfluxDB writing again");
    }

    /**
     * Back-pressure is on when the in-flight limit in messages is reached or 90 % of the byte budget is used (the
     * next large message would not fit); it is off again below half of both, so that a collector working at its
     * limit does not log on and off for every message.
     */
    public void inFlight(long messages, long maxMessages, long bytes, long maxBytes) {
        if (messages >= maxMessages || bytes >= maxBytes * 9 / 10) {
            backPressure.on("back-pressure on: " + messages + " of " + maxMessages + " messages, " + mib(bytes)
                    + " of " + mib(maxBytes) + " received and not yet acknowledged; the broker holds the rest");
        } else if (messages <= maxMessages / 2 && bytes <= maxBytes / 2) {
            backPressure.off("back-pressure off: " + messages + " messages, " + mib(bytes) + " in flight");
        }
    }

    public boolean backPressureOn() {
        return backPressure.isOn();
    }

    public boolean influxDownOn() {
        return influxDown.isOn();
    }

    /** A dead-lettered message or reading; {@code detail} says which and why. */
    public void deadLetter(String reason, String detail) {
        repeated(Level.INFO, "dead_letter", reason, "dead letter " + reason + ": " + detail, null);
    }

    /** The collector failed on a message itself (a bug): logged with its stack trace, rate-limited all the same. */
    public void internalError(String detail, Throwable t) {
        repeated(Level.ERROR, "dead_letter", "internal_error", detail, t);
    }

    /** An HTTP request refused for want of the right token. */
    public void httpRefused(String detail) {
        repeated(Level.WARN, "http_unauthorized", "bad_token", detail, null);
    }

    /**
     * Logs {@code message} at {@code level} if fewer than {@value #FIRST_PER_INTERVAL} of this event and reason were
     * logged in the current interval, else counts it for the next {@link #summarize()}.
     */
    public synchronized void repeated(Level level, String event, String reason, String message, Throwable t) {
        Tally tally = tallies.computeIfAbsent(event + '\0' + reason, k -> new Tally(event, reason));
        tally.total++;
        if (tally.logged >= FIRST_PER_INTERVAL) {
            tally.suppressed++;
            return;
        }
        tally.logged++;
        var line = log.atLevel(level).addKeyValue("event", event).addKeyValue("reason", reason);
        if (t != null) {
            line = line.setCause(t);
        }
        line.log(tally.logged == FIRST_PER_INTERVAL
                ? message + " (more of these are counted, not logged, until the next summary)" : message);
    }

    /** One line per kind whose events were not all logged in this interval, with the count; starts a new interval. */
    public synchronized void summarize() {
        long now = clock.millis();
        String interval = Condition.human(Duration.ofMillis(Math.max(0, now - windowStart)));
        for (Tally t : tallies.values()) {
            if (t.suppressed > 0) {
                log.atWarn().addKeyValue("event", t.event + "_summary").addKeyValue("reason", t.reason)
                        .addKeyValue("count", t.suppressed).addKeyValue("total", t.total)
                        .log("{} {} ({}) more in the last {} not logged one by one; {} since start",
                                t.suppressed, plural(t.event), t.reason, interval, t.total);
            }
            t.logged = 0;
            t.suppressed = 0;
        }
        windowStart = now;
    }

    private static String plural(String event) {
        return switch (event) {
            case "dead_letter" -> "dead letters";
            case "http_unauthorized" -> "refused HTTP requests";
            default -> event.replace('_', ' ') + " events";
        };
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
