package org.yangguang.distribution.access;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Growing delays and a lockout per account and per address, on a clock the test moves (no sleeping). */
class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-23T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, 10, 10, 50, Duration.ofSeconds(1),
            Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofHours(1));

    @Test
    void anAccountGetsGrowingDelaysThenALockout() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit("Operator", "10.0.0." + i)).isEmpty();
            assertThat(throttle.failed("operator", "10.0.0." + i)).isEmpty();
        }
        // from the 3rd failure on, each next attempt waits 1, 2, 4, ... s after the last failure, from any address
        long[] waits = {1, 2, 4, 8, 16, 32, 60};
        for (long wait : waits) {
            Optional<LoginThrottle.Refusal> early = throttle.admit("operator", "10.9.9.9");
            assertThat(early).isPresent();
            assertThat(early.get().kind()).isEqualTo(LoginThrottle.Kind.ACCOUNT);
            assertThat(early.get().retryAfter()).isEqualTo(Duration.ofSeconds(wait));
            now = now.plusSeconds(wait);
            assertThat(throttle.admit("operator", "10.9.9.9")).isEmpty();
            List<LoginThrottle.Lockout> started = throttle.failed("operator", "10.9.9.9");
            if (wait < 60) {
                assertThat(started).isEmpty();
            } else {
                // the 10th failure: locked for 15 minutes, even with the right password
                assertThat(started).containsExactly(new LoginThrottle.Lockout(LoginThrottle.Kind.ACCOUNT, "operator", 10,
                        now.plus(Duration.ofMinutes(15))));
            }
        }
        Optional<LoginThrottle.Refusal> locked = throttle.admit("operator", "10.1.1.1");
        assertThat(locked).get().extracting(LoginThrottle.Refusal::lockedOut, LoginThrottle.Refusal::retryAfter)
                .containsExactly(true, Duration.ofMinutes(15));
        now = now.plus(Duration.ofMinutes(15));
        assertThat(throttle.admit("operator", "10.1.1.1")).isEmpty();
        throttle.succeeded("operator", "10.1.1.1");
        // a success starts the account afresh
        assertThat(throttle.admit("operator", "10.1.1.1")).isEmpty();
        assertThat(throttle.failed("operator", "10.1.1.1")).isEmpty();
        assertThat(throttle.admit("operator", "10.1.1.1")).isEmpty();
    }

    @Test
    void anAddressSprayingManyNamesIsThrottledAndLockedOut() {
        String guesser = "203.0.113.7";
        int failures = 0;
        int refused = 0;
        List<LoginThrottle.Lockout> lockouts = List.of();
        for (int i = 0; i < 5000 && lockouts.isEmpty(); i++) {
            Optional<LoginThrottle.Refusal> r = throttle.admit("name-" + i, guesser);
            if (r.isPresent()) {
                refused++;
                now = now.plus(r.get().retryAfter());
                continue;
            }
            failures++;
            lockouts = throttle.failed("name-" + i, guesser);
        }
        assertThat(failures).isEqualTo(50);
        assertThat(refused).isEqualTo(40);
        assertThat(lockouts).extracting(LoginThrottle.Lockout::kind).containsExactly(LoginThrottle.Kind.ADDRESS);
        // the same names from another address are fine: their accounts failed once each
        assertThat(throttle.admit("name-1", "198.51.100.1")).isEmpty();
        // a right password from the guessing address does not clear it
        assertThat(throttle.admit("someone", guesser)).get().extracting(LoginThrottle.Refusal::lockedOut).isEqualTo(true);
    }

    @Test
    void parallelGuessesOnAThrottledAccountAreEvaluatedOneAtATime() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit("finance", "10.0.0.1")).isEmpty();
        }
        assertThat(throttle.admit("finance", "10.0.0.1")).as("3 in flight fill the free attempts").isPresent();
        throttle.failed("finance", "10.0.0.1");
        throttle.failed("finance", "10.0.0.1");
        throttle.failed("finance", "10.0.0.1");
        now = now.plusSeconds(1);
        assertThat(throttle.admit("finance", "10.0.0.1")).isEmpty();
        assertThat(throttle.admit("finance", "10.0.0.2")).as("one at a time once throttled").isPresent();
    }

    @Test
    void failuresAreForgottenAfterAnHourAndMemoryIsBounded() {
        for (int i = 0; i < 3; i++) {
            throttle.admit("county", "10.0.0.1");
            throttle.failed("county", "10.0.0.1");
        }
        assertThat(throttle.admit("county", "10.0.0.1")).isPresent();
        now = now.plus(Duration.ofHours(1)).plusSeconds(1);
        assertThat(throttle.admit("county", "10.0.0.1")).isEmpty();
        throttle.failed("county", "10.0.0.1");
        assertThat(throttle.admit("county", "10.0.0.1")).as("counted from 1 again").isEmpty();
    }
}
