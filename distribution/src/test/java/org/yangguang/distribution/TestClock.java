package org.yangguang.distribution;

import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import org.yangguang.distribution.time.ClockFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The wall clock plus an offset tests can move forward (notice periods) without sleeping. */
@Singleton
@Replaces(bean = Clock.class, factory = ClockFactory.class)
// a test of the demo's history runs on the demo's own clock (DemoClock), which replays the past
@io.micronaut.context.annotation.Requires(property = "yangguang.demo.history", notEquals = "true")
public class TestClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
