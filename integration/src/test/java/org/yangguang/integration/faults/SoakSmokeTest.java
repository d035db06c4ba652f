package org.yangguang.integration.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.benchmarks.soak.Soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./yangguang soak} at smoke scale (issue #13, item 7): three stations of three inverters through a locked
 * broker to two collectors for a minute, with a broker SIGKILL, a collector and the fleet JVM killed with SIGKILL,
 * a rogue member of the collectors' share and a leaked gateway credential, then counted by (device, seq).
 */
class SoakSmokeTest {
    @Test
    void aMinuteOfFaultsLosesNoReading(@TempDir Path dir) throws Exception {
        List<String> faults = List.of("broker-sigkill", "collector-kill", "compromised-gateway", "gateway-kill", "rogue-subscriber");
        Soak.Result r = Soak.run(new Soak.Settings(3, 3, Duration.ofSeconds(60), Duration.ofSeconds(1), 1, faults,
                Duration.ofMinutes(3), dir));
        System.out.println(r.line());
        assertThat(r.drained()).as("every gateway's buffer receipted empty").isTrue();
        assertThat(r.faults()).isEqualTo(faults.size());
        // a minute of 1 s polls of 9 inverters, less the fleet's 5 s down and its restart
        assertThat(r.produced()).isGreaterThan(300);
        assertThat(r.lost()).isZero();
        assertThat(r.stored()).isEqualTo(r.produced());
        assertThat(r.forgedStored()).as("forged readings of the leaked credential stored").isZero();
        assertThat(r.resent()).as("what the faults cost is sent again, not lost").isPositive();
        assertThat(r.line()).matches("soak: 3 stations, 9 devices, produced \\d+, stored \\d+, lost 0, duplicates \\d+, "
                + "faults 5, gap alarms \\d+, collector RSS max \\d+ MB");
    }
}
