package org.yangguang.gateway.mqtt;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Delay before the next connection attempt: doubles from 0.5 s up to the configured maximum, each delay drawn between
 * half and all of it, so that a village of gateways does not reconnect in step after a tower comes back.
 */
final class ReconnectBackoff {
    private static final long FIRST_MS = 500;
    private final long maxMs;
    /** bound → a number in [0, bound], injected so tests see the sequence without randomness. */
    private final LongUnaryOperator jitter;
    private long nextMs = FIRST_MS;

    ReconnectBackoff(Duration max, LongUnaryOperator jitter) {
        this.maxMs = Math.max(FIRST_MS, max.toMillis());
        this.jitter = jitter;
    }

    /** The wait before the next attempt after a failed one. */
    long nextDelayMs() {
        long delay = nextMs / 2 + jitter.applyAsLong(nextMs / 2);
        nextMs = Math.min(maxMs, nextMs * 2);
        return delay;
    }

    /** Connected: the next outage starts from the shortest delay again. */
    void reset() {
        nextMs = FIRST_MS;
    }
}
