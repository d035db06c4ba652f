package org.yangguang.gateway.mqtt;

import org.junit.jupiter.api.Test;
import org.yangguang.testkit.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptWaitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
    private final ReceiptWait wait = new ReceiptWait(clock, Duration.ofSeconds(30), 4);

    @Test
    void readingsTheBrokerTookAreDueOnlyOnceTheTimeoutHasPassed() {
        wait.published(List.of(1L, 3L, 5L));
        clock.advance(Duration.ofSeconds(10));
        wait.published(List.of(2L, 4L));
        clock.advance(Duration.ofSeconds(19));
        assertThat(wait.expired().isEmpty()).isTrue();
        assertThat(wait.waiting().toString()).isEqualTo("1-5");
        clock.advance(Duration.ofSeconds(1));
        assertThat(wait.expired().toString()).isEqualTo("1,3,5");
        assertThat(wait.expired().isEmpty()).as("taken out once").isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(wait.expired().toString()).isEqualTo("2,4");
    }

    @Test
    void withoutAnyReceiptTheWaitDoublesUpToItsCapAndOneReceiptBringsItBack() {
        assertThat(wait.timeout()).isEqualTo(Duration.ofSeconds(30));
        wait.resending(); // the first resend after receipts flowed: the wait stays
        assertThat(wait.timeout()).isEqualTo(Duration.ofSeconds(30));
        wait.resending(); // again, and no receipt since: collectors are down, the broker keeps the messages
        assertThat(wait.timeout()).isEqualTo(Duration.ofSeconds(60));
        wait.resending();
        wait.resending();
        wait.resending();
        assertThat(wait.timeout()).as("capped at 4 x").isEqualTo(Duration.ofSeconds(120));
        wait.receiptArrived();
        assertThat(wait.timeout()).isEqualTo(Duration.ofSeconds(30));

        wait.published(List.of(7L));
        clock.advance(Duration.ofSeconds(30));
        assertThat(wait.expired().toString()).isEqualTo("7");
    }
}
