package org.yangguang.collector.log;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;

/**
 * A condition an operator must know about (InfluxDB failing, back-pressure): one WARN line when it starts and one
 * INFO line, with how long it lasted, when it ends; nothing while it holds, however many messages run into it.
 * The lines carry {@code event} ({@code <name>_on}/{@code _off}) and, on the second, {@code duration_ms}.
 */
public final class Condition {
    private final Logger log;
    private final Clock clock;
    private final String name;
    private long since = -1;

    Condition(Logger log, Clock clock, String name) {
        this.log = log;
        this.clock = clock;
        this.name = name;
    }

    /** Logs {@code message} if the condition was not on; returns whether it changed. */
    public synchronized boolean on(String message) {
        if (since >= 0) {
            return false;
        }
        since = clock.millis();
        log.atWarn().addKeyValue("event", name + "_on").log(message);
        return true;
    }

    /** Logs {@code message} and how long the condition lasted if it was on; returns whether it changed. */
    public synchronized boolean off(String message) {
        if (since < 0) {
            return false;
        }
        long lasted = Math.max(0, clock.millis() - since);
        since = -1;
        log.atInfo().addKeyValue("event", name + "_off").addKeyValue("duration_ms", lasted)
                .log(message + " (after " + human(Duration.ofMillis(lasted)) + ")");
        return true;
    }

    public synchronized boolean isOn() {
        return since >= 0;
    }

    /** "850 ms", "41 s", "3 min 12 s", "2 h 5 min". */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + " ms";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
