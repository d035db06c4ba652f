package org.yangguang.collector.ingest;

import java.time.Clock;
import java.time.Duration;

/**
 * When to try the broker again after a connection is lost: {@link Backoff} from the first attempt, capped, and
 * counted afresh only once a connection has lasted {@link #STABLE}, so a broker that accepts and drops at once is
 * not hammered. Our own loop because Paho v5 ignores {@code setAutomaticReconnectDelay} (paho.mqtt.java#864): its
 * back-off doubles to 128 s, and a collector came back 36 s, 41 s or more than 60 s after a broker restart while
 * gateways' readings queued. Pure apart from the injected clock, so tests step it without sleeping.
 */
final class Reconnects {
    static final Duration STABLE = Duration.ofSeconds(10);

    private final Backoff backoff;
    private final Clock clock;
    private int attempt;
    private long connectedAt = -1;

    Reconnects(Backoff backoff, Clock clock) {
        this.backoff = backoff;
        this.clock = clock;
    }

    synchronized void connected() {
        connectedAt = clock.millis();
    }

    /** The connection is gone (or an attempt failed): how long to wait before the next attempt. */
    synchronized Duration lost() {
        if (connectedAt >= 0 && clock.millis() - connectedAt >= STABLE.toMillis()) {
            attempt = 0;
        }
        connectedAt = -1;
        return backoff.delay(attempt++, null);
    }
}
