package org.yangguang.gateway.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Back-off for a device that keeps failing, so a dead inverter does not eat a timeout of bus time every cycle
 * (OpenEMS DefectiveComponents: 2 s x n, capped at 5 min). After {@code offlineAfter} consecutive failures
 * the device is "offline" and is tried again after a delay that doubles per failure up to {@code maxBackoff}.
 * The clock is injected, so this is tested without sleeping.
 */
public final class DeviceHealth {
    private final Clock clock;
    private final int offlineAfter;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private int consecutiveFailures;
    private Instant nextTry = Instant.MIN;
    private Instant lastOk;
    private String lastError;

    public DeviceHealth(Clock clock, int offlineAfter, Duration baseBackoff, Duration maxBackoff) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Offline after 3 failures; then skip 1, 3, 7, ... cycles (2, 4, 8 x interval), at most 5 minutes. */
    public static DeviceHealth defaults(Clock clock, Duration pollInterval) {
        return new DeviceHealth(clock, 3, pollInterval.multipliedBy(2), Duration.ofMinutes(5));
    }

    /** False while an offline device is backing off: the poll publishes "offline" without touching the bus. */
    public synchronized boolean shouldTry() {
        return !clock.instant().isBefore(nextTry);
    }

    public synchronized void succeeded() {
        consecutiveFailures = 0;
        nextTry = Instant.MIN;
        lastOk = clock.instant();
        lastError = null;
    }

    public synchronized void failed(String error) {
        consecutiveFailures++;
        lastError = error;
        if (consecutiveFailures >= offlineAfter) {
            int doublings = Math.min(20, consecutiveFailures - offlineAfter);
            Duration d = baseBackoff.multipliedBy(1L << doublings);
            if (d.compareTo(maxBackoff) > 0) {
                d = maxBackoff;
            }
            nextTry = clock.instant().plus(d);
        }
    }

    public synchronized boolean isOffline() {
        return consecutiveFailures >= offlineAfter;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    public synchronized Instant nextTry() {
        return nextTry;
    }

    /** Operator text for an offline device. */
    public synchronized String offlineMessage() {
        return "no good reading in " + consecutiveFailures + " attempts"
                + (lastOk == null ? "" : " (last ok " + lastOk + ")") + "; next try at " + nextTry
                + (lastError == null ? "" : "; last error: " + lastError);
    }
}
