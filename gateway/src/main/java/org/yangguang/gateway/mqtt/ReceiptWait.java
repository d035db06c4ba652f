package org.yangguang.gateway.mqtt;

import org.yangguang.contract.SeqRanges;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Readings the broker took (PUBACK) whose receipt has not come yet, by when the broker took them. A PUBACK is not
 * a receipt: a restarted Mosquitto forgets shared subscriptions and a killed one what it took since its last save,
 * and a rogue subscriber may take its turn in the collectors' share. What stays without a receipt past the timeout
 * is due to be sent again.
 *
 * <p>The timeout doubles (up to {@link org.yangguang.gateway.config.MqttConfig#MAX_RECEIPT_TIMEOUT_FACTOR} times)
 * each time readings are sent again while no receipt at all has come since the last time: with the collectors or
 * InfluxDB down the broker keeps the messages for the collectors' sessions, and sending them again only adds copies.
 * The first receipt brings it back. Kept in buckets of a tenth of the timeout, so a day of readings is a few dozen
 * entries of ranges. Thread-safe.
 */
final class ReceiptWait {
    private record Bucket(long startMs, SeqRanges seqs) {
    }

    private final Clock clock;
    private final long baseMs;
    private final long maxMs;
    private final long bucketMs;
    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private long timeoutMs;
    private boolean receiptSinceResend = true;

    ReceiptWait(Clock clock, Duration timeout, int maxFactor) {
        this.clock = clock;
        this.baseMs = timeout.toMillis();
        this.maxMs = baseMs * maxFactor;
        this.bucketMs = Math.max(10, baseMs / 10);
        this.timeoutMs = baseMs;
    }

    /** The broker took these readings now. */
    synchronized void published(List<Long> seqs) {
        long now = clock.millis();
        Bucket last = buckets.peekLast();
        if (last == null || now - last.startMs() >= bucketMs) {
            last = new Bucket(now, new SeqRanges());
            buckets.add(last);
        }
        for (long s : seqs) {
            last.seqs().add(s);
        }
    }

    /** A receipt came (whatever it named): collectors are storing, so the timeout is the configured one again. */
    synchronized void receiptArrived() {
        receiptSinceResend = true;
        timeoutMs = baseMs;
    }

    /** What has waited longer than the timeout, taken out of the wait (the caller drops what is confirmed meanwhile). */
    synchronized SeqRanges expired() {
        long now = clock.millis();
        SeqRanges out = new SeqRanges();
        while (!buckets.isEmpty() && now - buckets.peekFirst().startMs() >= timeoutMs) {
            out.addAll(buckets.pollFirst().seqs());
        }
        return out;
    }

    /** The caller sends expired readings again; with no receipt since the last time, the next wait is longer. */
    synchronized void resending() {
        if (!receiptSinceResend) {
            timeoutMs = Math.min(maxMs, timeoutMs * 2);
        }
        receiptSinceResend = false;
    }

    /** Every reading still waiting (after a reconnect these are not sent at once: their receipt may still come). */
    synchronized SeqRanges waiting() {
        SeqRanges all = new SeqRanges();
        buckets.forEach(b -> all.addAll(b.seqs()));
        return all;
    }

    synchronized Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }
}
