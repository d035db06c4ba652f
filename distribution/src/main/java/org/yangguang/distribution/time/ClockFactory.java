package org.yangguang.distribution.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one wall clock; tests replace it to move time without sleeping. */
@Factory
public final class ClockFactory {
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
