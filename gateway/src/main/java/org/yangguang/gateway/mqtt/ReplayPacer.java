package org.yangguang.gateway.mqtt;

import java.time.Clock;

/**
 * Replay at {@code rate} readings per second (a token bucket one second deep): a backlog after an outage, or readings
 * whose receipt did not come, go out at this pace next to live data, so a 4G link and the collectors are not flooded
 * and the dashboards see the present while the past trickles in.
 */
final class ReplayPacer {
    private final Clock clock;
    private final int rate;
    private double tokens;
    private long lastRefillMs;

    ReplayPacer(Clock clock, int rate) {
        this.clock = clock;
        this.rate = rate;
        this.lastRefillMs = clock.millis();
    }

    /** Whole readings that may be replayed now. */
    int available() {
        long now = clock.millis();
        tokens = Math.min(rate, tokens + (now - lastRefillMs) * rate / 1000.0);
        lastRefillMs = now;
        return (int) tokens;
    }

    void take(int readings) {
        tokens -= readings;
    }

    /**
     * Replay goes in steps of a tenth of a second's worth (at most a batch), not a reading per token as the bucket
     * refills: the backlog then goes in batches too, at the same rate.
     */
    int step(int maxBatch) {
        return Math.min(maxBatch, Math.max(1, rate / 10));
    }
}
