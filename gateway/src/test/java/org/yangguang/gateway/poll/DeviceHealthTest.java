package org.yangguang.gateway.poll;

import org.junit.jupiter.api.Test;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.modbus.J2modLink;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.sunspec.SunSpecReader;
import org.yangguang.testkit.MutableClock;
import org.yangguang.gateway.testing.SilentServer;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceHealthTest {
    private static final Instant T0 = Instant.parse("2026-06-21T04:00:00Z");

    @Test
    void backsOffExponentiallyAfterRepeatedFailuresAndRecoversOnSuccess() {
        MutableClock clock = new MutableClock(T0);
        DeviceHealth h = new DeviceHealth(clock, 3, Duration.ofSeconds(5), Duration.ofSeconds(60));
        h.failed("timeout");
        h.failed("timeout");
        assertThat(h.isOffline()).isFalse();
        assertThat(h.shouldTry()).isTrue();
        h.failed("timeout");
        assertThat(h.isOffline()).isTrue();
        assertThat(h.nextTry()).isEqualTo(T0.plusSeconds(5));
        assertThat(h.shouldTry()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(h.shouldTry()).isTrue();
        h.failed("timeout");
        assertThat(h.nextTry()).isEqualTo(T0.plusSeconds(5 + 10));
        clock.advance(Duration.ofSeconds(10));
        h.failed("timeout");
        assertThat(h.nextTry()).isEqualTo(T0.plusSeconds(15 + 20));
        clock.advance(Duration.ofSeconds(20));
        h.failed("timeout");
        h.failed("timeout");
        h.failed("timeout");
        assertThat(h.nextTry()).as("capped").isEqualTo(T0.plusSeconds(35 + 60));
        assertThat(h.offlineMessage()).contains("8 attempts").contains("last error: timeout");
        clock.advance(Duration.ofSeconds(60));
        h.succeeded();
        assertThat(h.isOffline()).isFalse();
        assertThat(h.consecutiveFailures()).isZero();
        assertThat(h.shouldTry()).isTrue();
    }

    @Test
    void offlineDeviceCostsNoBusTimeUntilItsNextTry() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (SilentServer dead = new SilentServer();
             J2modLink link = J2modLink.tcp("127.0.0.1", dead.port(),
                     new LinkTiming(Duration.ofMillis(150), 0, Duration.ZERO, Duration.ZERO))) {
            DevicePoller p = new DevicePoller(DeviceConfig.sunspec("inv-dead", 1, "inverter"), new SunSpecReader(1, 125),
                    new DeviceHealth(clock, 3, Duration.ofSeconds(5), Duration.ofMinutes(5)), clock);
            for (int i = 0; i < 3; i++) {
                DeviceReading r = p.poll(link);
                assertThat(r.status()).isEqualTo(DeviceStatus.TIMEOUT);
                assertThat(r.error()).contains("no response from 127.0.0.1:" + dead.port() + " unit 1 within 150 ms");
                clock.advance(Duration.ofSeconds(1));
            }
            long requests = link.requests();
            DeviceReading r = p.poll(link);
            assertThat(r.status()).isEqualTo(DeviceStatus.OFFLINE);
            assertThat(r.error()).contains("next try at");
            assertThat(r.points()).isEmpty();
            assertThat(link.requests()).as("no request while backing off").isEqualTo(requests);
            clock.advance(Duration.ofSeconds(5));
            assertThat(p.poll(link).status()).isEqualTo(DeviceStatus.TIMEOUT);
            assertThat(link.requests()).isEqualTo(requests + 1);
        }
    }
}
