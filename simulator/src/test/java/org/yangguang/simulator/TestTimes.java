package org.yangguang.simulator;

import java.time.Instant;

/** Instants with a known sun at Lin County (37.95° N, 110.99° E). */
public final class TestTimes {

    /** About 04:40 UTC: solar noon on the June solstice, clear-sky output at the rating. */
    public static final Instant JUNE_NOON = Instant.parse("2026-06-21T04:40:00Z");
    /** 00:00 at UTC+8, about 23:25 local solar time: the sun is 28° below the horizon. */
    public static final Instant JUNE_MIDNIGHT = Instant.parse("2026-06-21T16:00:00Z");

    private TestTimes() {
    }
}
