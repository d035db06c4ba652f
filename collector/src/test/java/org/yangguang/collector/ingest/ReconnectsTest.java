package org.yangguang.collector.ingest;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectsTest {
    @Test
    void backsOffToItsCapAndStartsAgainOnlyAfterAConnectionThatLasted() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
        Reconnects r = new Reconnects(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5)), clock);
        r.connected();
        clock.advance(Duration.ofMinutes(1));
        assertThat(r.lost()).isEqualTo(Duration.ofMillis(500));
        assertThat(r.lost()).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.lost()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.lost()).isEqualTo(Duration.ofSeconds(4));
        assertThat(r.lost()).as("capped: a broker back after 10 minutes is found within 5 s").isEqualTo(Duration.ofSeconds(5));
        assertThat(r.lost()).isEqualTo(Duration.ofSeconds(5));
        r.connected();
        clock.advance(Duration.ofSeconds(1)); // accepted, then dropped at once: keep backing off
        assertThat(r.lost()).isEqualTo(Duration.ofSeconds(5));
        r.connected();
        clock.advance(Reconnects.STABLE);
        assertThat(r.lost()).isEqualTo(Duration.ofMillis(500));
    }
}
