package org.yangguang.distribution.demo;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.yangguang.distribution.time.ClockFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock, except while the demo replays the county's past months ({@link DemoHistory}): then it reads the
 * moment being replayed and runs on from there, so that every service, the ledger's timestamps and the notice period
 * see the past as it was lived. It only ever moves forward, and is the wall clock again once the replay ends (before
 * the service listens). Only with {@code yangguang.demo.history=true}.
 */
@Singleton
@Replaces(bean = Clock.class, factory = ClockFactory.class)
@Requires(property = "yangguang.demo.history", value = "true")
public final class DemoClock extends Clock {
    private record Replay(Instant at, long nanos) {
    }

    private volatile Replay replay;

    /** Replays from {@code at} on; during a replay never earlier than the replay already read, never in the future. */
    synchronized void replayFrom(Instant at) {
        if (replay != null && at.isBefore(instant())) {
            throw new IllegalStateException("the demo clock only moves forward: " + at + " is before " + instant());
        }
        if (at.isAfter(Instant.now())) {
            throw new IllegalStateException("the demo's history cannot be replayed in the future: " + at);
        }
        replay = new Replay(at, System.nanoTime());
    }

    /** Back to the wall clock. */
    synchronized void live() {
        replay = null;
    }

    @Override
    public Instant instant() {
        Replay r = replay;
        if (r == null) {
            return Instant.now();
        }
        Instant t = r.at().plusNanos(System.nanoTime() - r.nanos());
        Instant wall = Instant.now();
        return t.isAfter(wall) ? wall : t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        DemoClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
