package org.yangguang.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.Telemetry;
import org.yangguang.gateway.Gateway;
import org.yangguang.gateway.config.BufferConfig;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.config.GatewayConfig;
import org.yangguang.gateway.config.LinkConfig;
import org.yangguang.gateway.config.MqttConfig;
import org.yangguang.gateway.modbus.LinkTiming;
import org.yangguang.gateway.testing.SunSpecImages;
import org.yangguang.gateway.testing.TestModbusSlave;
import org.yangguang.testkit.MutableClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer's storage goes away (an SD card unmounted, its directory deleted): readings that cannot be stored
 * are counted and logged, polling goes on, and storing resumes by itself once the directory is back.
 */
class DiskGoneTest {
    @Test
    void withARollPerReadingTheNextAppendFailsAndIsCounted(@TempDir Path dir) throws Exception {
        diskGoesAndComesBack(dir, 64); // each record bigger than a segment: every append opens a new file
    }

    @Test
    void withinASegmentTheSyncNoticesTheFileIsGone(@TempDir Path dir) throws Exception {
        diskGoesAndComesBack(dir, 1 << 20);
    }

    private static void diskGoesAndComesBack(Path dir, long segmentBytes) throws Exception {
        try (TestModbusSlave slave = TestModbusSlave.start(Map.of(1, SunSpecImages.golden103(40000)))) {
            Path buffer = dir.resolve("buffer");
            GatewayConfig cfg = GatewayConfig.builder("lin-baiwen-01", "gw-baiwen-01")
                    .mqtt(MqttConfig.of("tcp://127.0.0.1:1", "gw-disk")) // never connected: this is about the disk
                    .buffer(new BufferConfig(buffer, 64L << 20, Duration.ofSeconds(1), segmentBytes))
                    .link(LinkConfig.tcp("127.0.0.1", slave.port(), LinkTiming.DEFAULTS,
                            List.of(DeviceConfig.sunspec("inv-01", 1, "inverter"))))
                    .build();
            MutableClock clock = new MutableClock(Instant.parse("2026-06-21T04:00:00Z"));
            try (Gateway gw = Gateway.create(cfg, clock)) {
                List<Telemetry> first = gw.pollOnce();
                assertThat(first).extracting(Telemetry::status).containsExactly(DeviceStatus.OK);

                delete(buffer);
                gw.buffer().sync(); // what the sync thread does every second
                assertThat(gw.buffer().dropped()).as("the unsent reading in the vanished file").isEqualTo(1);
                assertThat(gw.buffer().pending()).isZero();
                assertThat(gw.pollOnce()).as("a reading that could not be stored is not returned as stored").isEmpty();
                assertThat(gw.pollOnce()).isEmpty();
                assertThat(gw.stats()).containsEntry("store_failed", 2L).containsEntry("polls_ok", 3L);

                Files.createDirectories(buffer);
                List<Telemetry> back = gw.pollOnce();
                assertThat(back).extracting(Telemetry::status).containsExactly(DeviceStatus.OK);
                assertThat(back.get(0).seq()).as("no sequence numbers spent on what was not stored")
                        .isEqualTo(first.get(0).seq() + 1);
                assertThat(gw.stats()).containsEntry("store_failed", 2L).containsEntry("polls_ok", 4L);
                assertThat(gw.buffer().pending()).isEqualTo(1);
                try (Stream<Path> files = Files.list(buffer)) {
                    assertThat(files.filter(f -> f.toString().endsWith(".seg"))).as("stored on disk again").hasSize(1);
                }
            }
        }
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
