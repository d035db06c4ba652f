package org.yangguang.gateway.clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.gateway.config.ClockConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Decides, before each poll, whether the wall clock may stamp a reading. A reading with a wrong time is worse than
 * none: it lands in the wrong hour of history, and distribution computes money from history. A missed poll costs
 * nothing of the money (an inverter's energy is a lifetime counter: the next reading with a true time covers the
 * gap); it costs a point of the power curve. So while the clock is not to be trusted the gateway polls nothing,
 * counts it, and says why on /health (DOWN) and in the log; it resumes by itself once the clock is right.
 *
 * <p>Not to be trusted: a time before {@link #EARLIEST} (a box that lost its time boots at 1970 or 2000), or, where
 * station.yaml asks for it, an OS clock not yet synchronized (see {@link ClockConfig}). A clock running ahead is
 * the collector's to catch: it refuses readings more than 5 minutes in its future ({@code clock_skew}). A step of the
 * wall clock against the monotonic clock (NTP setting a wrong clock right) is logged and counted, so an operator
 * can tell a gap or an overlap in a station's history from a fault.
 */
public final class ClockGuard {
    /** No reading of this software can be older: it did not exist before. */
    public static final Instant EARLIEST = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(1);
    private static final Duration SYNC_RECHECK = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ClockGuard.class);

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final BooleanSupplier synced;
    private final String syncSource;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong steps = new AtomicLong();
    private volatile String problem;
    private long lastWall = Long.MIN_VALUE;
    private long lastNanos;
    private boolean lastSynced;

    ClockGuard(Clock clock, LongSupplier nanoTime, BooleanSupplier synced, String syncSource) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.synced = synced;
        this.syncSource = syncSource;
    }

    public static ClockGuard of(ClockConfig config, Clock clock) {
        if (config.timedatectl()) {
            return new ClockGuard(clock, System::nanoTime,
                    atMostEvery(SYNC_RECHECK, System::nanoTime, ClockGuard::timedatectlSaysSynchronized),
                    "timedatectl (NTPSynchronized)");
        }
        if (config.file() != null) {
            return new ClockGuard(clock, System::nanoTime, () -> Files.exists(config.file()), config.file().toString());
        }
        return new ClockGuard(clock, System::nanoTime, null, null);
    }

    /**
     * Whether a reading may be stamped with {@code wallMillis} (the clock's time of this poll): null if so, else why
     * not, in words for an operator.
     */
    public synchronized String check(long wallMillis) {
        long nanos = nanoTime.getAsLong();
        if (lastWall != Long.MIN_VALUE) {
            long drift = (wallMillis - lastWall) - TimeUnit.NANOSECONDS.toMillis(nanos - lastNanos);
            if (Math.abs(drift) >= STEP.toMillis()) {
                steps.incrementAndGet();
                LOG.warn("the wall clock stepped by {} s against the monotonic clock (set by NTP or by hand?); readings "
                        + "before and after are {} apart in history", drift / 1000, Duration.ofMillis(Math.abs(drift)));
            }
        }
        lastWall = wallMillis;
        lastNanos = nanos;
        String now = null;
        if (wallMillis < EARLIEST.toEpochMilli()) {
            now = "the clock reads " + Instant.ofEpochMilli(wallMillis) + ", before " + EARLIEST
                    + ": it is wrong (a real-time clock that lost its time?); no reading is stored until it is set "
                    + "(NTP: chrony or systemd-timesyncd; or date -s)";
        } else if (synced != null && !synchronizedNow()) {
            now = "the OS clock is not synchronized yet (" + syncSource + "); no reading is stored until it is, so "
                    + "that none carries a wrong time (clock.synchronizedWhen in station.yaml)";
        }
        if (now != null) {
            refused.incrementAndGet();
        }
        if (now != null && problem == null) {
            LOG.error("clock: {}", now);
        } else if (now == null && problem != null) {
            LOG.info("clock: now {}, trusted again; polling resumes ({} polls were skipped)", clock.instant(), refused.get());
        }
        problem = now;
        return now;
    }

    private boolean synchronizedNow() {
        // once synchronized since start, the kernel keeps the clock disciplined: no need to ask again
        if (!lastSynced) {
            lastSynced = synced.getAsBoolean();
        }
        return lastSynced;
    }

    /** {@code ask}, but at most once per {@code interval}; in between its last answer (asking timedatectl is a process). */
    static BooleanSupplier atMostEvery(Duration interval, LongSupplier nanoTime, BooleanSupplier ask) {
        long[] askedAt = {0};
        boolean[] asked = {false};
        boolean[] answer = {false};
        return () -> {
            long now = nanoTime.getAsLong();
            if (!asked[0] || now - askedAt[0] >= interval.toNanos()) {
                asked[0] = true;
                askedAt[0] = now;
                answer[0] = ask.getAsBoolean();
            }
            return answer[0];
        };
    }

    /** The last check's reason not to trust the clock, or null. */
    public String problem() {
        return problem;
    }

    /** Polls skipped because the clock was not to be trusted. */
    public long refused() {
        return refused.get();
    }

    /** Steps of the wall clock of a minute or more seen between polls. */
    public long steps() {
        return steps.get();
    }

    private static boolean timedatectlSaysSynchronized() {
        try {
            Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("yes");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
