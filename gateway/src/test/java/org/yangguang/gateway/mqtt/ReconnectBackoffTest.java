package org.yangguang.gateway.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTest {
    @Test
    void doublesFromHalfASecondToTheMaximumBetweenHalfAndAllOfEachStep() {
        ReconnectBackoff least = new ReconnectBackoff(Duration.ofSeconds(4), bound -> 0);
        assertThat(new long[]{least.nextDelayMs(), least.nextDelayMs(), least.nextDelayMs(), least.nextDelayMs(), least.nextDelayMs()})
                .containsExactly(250, 500, 1000, 2000, 2000);
        ReconnectBackoff most = new ReconnectBackoff(Duration.ofSeconds(4), bound -> bound);
        assertThat(new long[]{most.nextDelayMs(), most.nextDelayMs(), most.nextDelayMs(), most.nextDelayMs()})
                .containsExactly(500, 1000, 2000, 4000);
        most.reset();
        assertThat(most.nextDelayMs()).isEqualTo(500);
    }
}
