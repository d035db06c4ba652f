package org.yangguang.gateway.modbus;

import java.time.Duration;

/**
 * Per-link pacing. Defaults follow the field: Huawei dongles want 1 s after connect and ~50 ms between
 * requests (wlcrs/huawei-solar-lib), shared RS-485 buses time out without a pause (OpenEMS PR #3099).
 *
 * @param retries additional attempts after a timeout; a Modbus exception answer is never retried
 */
public record LinkTiming(Duration timeout, int retries, Duration pauseBetweenRequests, Duration delayAfterConnect) {
    public static final LinkTiming DEFAULTS = new LinkTiming(Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO);

    public LinkTiming {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
    }
}
