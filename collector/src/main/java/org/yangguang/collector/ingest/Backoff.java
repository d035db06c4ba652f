package org.yangguang.collector.ingest;

import java.time.Duration;

/**
 * Delay before retrying a write: doubles from {@code min} to {@code max}; a server's Retry-After wins when it is
 * longer (capped at 10 minutes, as Telegraf does). Pure, so tests check it without sleeping.
 */
public record Backoff(Duration min, Duration max) {
    private static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(10);

    public Duration delay(int attempt, Duration retryAfter) {
        long base = min.toMillis() << Math.min(attempt, 20);
        Duration d = Duration.ofMillis(Math.min(base, max.toMillis()));
        if (retryAfter != null && retryAfter.compareTo(d) > 0) {
            d = retryAfter.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : retryAfter;
        }
        return d;
    }
}
