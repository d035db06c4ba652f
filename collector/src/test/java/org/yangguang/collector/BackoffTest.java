package org.yangguang.collector;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.ingest.Backoff;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void doublesUpToTheCap() {
        assertThat(backoff.delay(0, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(5, null)).isEqualTo(Duration.ofMillis(6400));
        assertThat(backoff.delay(6, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(500, null)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLongerRetryAfterWinsUpToTenMinutes() {
        assertThat(backoff.delay(0, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(6, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(0, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(10));
    }
}
