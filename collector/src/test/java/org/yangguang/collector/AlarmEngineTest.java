package org.yangguang.collector;

import org.yangguang.testkit.MutableClock;

import org.junit.jupiter.api.Test;
import org.yangguang.collector.alarm.Alarm;
import org.yangguang.collector.alarm.AlarmEngine;
import org.yangguang.collector.alarm.AlarmType;
import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Raise/clear lifecycle and hysteresis, with the clock in the test's hand (no sleeping). */
class AlarmEngineTest {
    /** 2026-06-21 12:00 Beijing time at Lin County: the sun is about 75° up. */
    static final long NOON = Instant.parse("2026-06-21T04:00:00Z").toEpochMilli();
    /** The midnight that starts that day in Beijing (readings only move forward in time). */
    static final long MIDNIGHT = Instant.parse("2026-06-20T16:00:00Z").toEpochMilli();

    private final List<Alarm> events = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(NOON));
    private final AlarmEngine engine;

    AlarmEngineTest() throws Exception {
        Path registry = Files.createTempFile("registry", ".txt");
        Files.writeString(registry, String.join("\n", "station lin kwp=150 lat=37.95 lon=110.99",
                "device lin/inv-1 kwp=50", "device lin/inv-2 kwp=50", "device lin/inv-3 kwp=50", ""));
        engine = new AlarmEngine(clock, Duration.ofSeconds(10), 6, StationRegistry.load(registry), events::add);
    }

    private static Telemetry reading(String device, long ts, Map<String, PointValue> points) {
        return new Telemetry(1, "lin", "gw-lin", device, "inverter", "huawei:sun2000", ts, 1, DeviceStatus.OK, null, points);
    }

    private static Map<String, PointValue> power(double w) {
        Map<String, PointValue> p = new LinkedHashMap<>();
        p.put("ac_power", PointValue.of(w, "W"));
        return p;
    }

    @Test
    void aReplayedBacklogBehindLiveReadingsDoesNotMoveTheAlarms() {
        // a 4G outage: the gateway kept polling; on reconnect its live readings (the inverter now at 0 W) arrive
        // first and the hour of good readings from before is replayed behind them
        for (int i = 12; i < 16; i++) {
            engine.onTelemetry(reading("inv-2", NOON + i * 300_000L, power(0)));
        }
        assertThat(events).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlarmType.ZERO_OUTPUT_DAYLIGHT);
            assertThat(a.raised()).isTrue();
        });
        for (int i = 0; i < 12; i++) {
            engine.onTelemetry(reading("inv-2", NOON + i * 300_000L, power(30_000)));
        }
        // and a QoS 1 duplicate of the newest reading is not a second zero reading either
        engine.onTelemetry(reading("inv-2", NOON + 15 * 300_000L, power(0)));
        assertThat(events).as("the replayed past neither clears nor re-raises").hasSize(1);
        engine.onTelemetry(reading("inv-2", NOON + 16 * 300_000L, power(30_000)));
        engine.onTelemetry(reading("inv-2", NOON + 17 * 300_000L, power(30_000)));
        assertThat(events).last().satisfies(a -> assertThat(a.raised()).isFalse());
    }

    @Test
    void deviceOfflineAfterNCyclesAndClearedByTheNextReading() {
        engine.onTelemetry(reading("inv-1", NOON, power(30_000)));
        clock.set(Instant.ofEpochMilli(NOON + 60_000));
        engine.checkOffline();
        assertThat(events).isEmpty(); // exactly 6 cycles is not yet "more than"
        // a timeout is not data: the window keeps running
        engine.onTelemetry(new Telemetry(1, "lin", "gw-lin", "inv-1", "inverter", "huawei:sun2000", NOON + 61_000, 2,
                DeviceStatus.TIMEOUT, "no response", Map.of()));
        clock.set(Instant.ofEpochMilli(NOON + 61_000));
        engine.checkOffline();
        engine.checkOffline();
        assertThat(events).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlarmType.DEVICE_OFFLINE);
            assertThat(a.raised()).isTrue();
            assertThat(a.ts()).isEqualTo(NOON + 60_000);
            assertThat(a.since()).as("silent since its last reading").isEqualTo(NOON);
            assertThat(a.detail()).isEqualTo("no data for 60 s (60 s = the configured poll cycles); last reading 2026-06-21T04:00:00Z");
        });
        engine.onTelemetry(reading("inv-1", NOON + 90_000, power(30_000)));
        assertThat(events).hasSize(2);
        assertThat(events.get(1).raised()).isFalse();
        assertThat(events.get(1).ts()).isEqualTo(NOON + 90_000);
    }

    @Test
    void faultCodeIsDecodedAndClearsOnlyAfterTwoZeroReadings() {
        engine.onTelemetry(reading("inv-1", NOON, Map.of("fault_code", PointValue.of(2032, ""))));
        assertThat(events).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlarmType.FAULT);
            assertThat(a.detail()).isEqualTo("Grid Loss (code 2032)");
        });
        engine.onTelemetry(reading("inv-1", NOON + 10_000, Map.of("fault_code", PointValue.of(0, ""))));
        engine.onTelemetry(reading("inv-1", NOON + 20_000, Map.of("fault_code", PointValue.of(2032, ""))));
        engine.onTelemetry(reading("inv-1", NOON + 30_000, Map.of("fault_code", PointValue.of(0, ""))));
        assertThat(events).hasSize(1); // flapping: still one raised alarm
        assertThat(events.get(0).since()).isEqualTo(NOON);
        engine.onTelemetry(reading("inv-1", NOON + 40_000, Map.of("fault_code", PointValue.of(0, ""))));
        assertThat(events).hasSize(2);
        assertThat(events.get(1).raised()).isFalse();
        assertThat(events.get(1).ts()).isEqualTo(NOON + 40_000);
        // the gateway's own text wins over the table
        engine.onTelemetry(reading("inv-2", NOON, Map.of("fault_code", new PointValue(2062, "", "Low insulation resistance"))));
        assertThat(events.get(2).detail()).isEqualTo("Low insulation resistance (code 2062)");
    }

    @Test
    void zeroOutputRaisesOnlyInDaylight() {
        for (int i = 0; i < 5; i++) {
            engine.onTelemetry(reading("inv-1", MIDNIGHT + i * 10_000L, power(0)));
        }
        assertThat(events).isEmpty();
        for (int i = 0; i < 3; i++) {
            engine.onTelemetry(reading("inv-1", NOON + i * 10_000L, power(0)));
        }
        assertThat(events).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlarmType.ZERO_OUTPUT_DAYLIGHT);
            assertThat(a.ts()).isEqualTo(NOON + 20_000);
            assertThat(a.since()).as("raised on the third zero reading, dark since the first").isEqualTo(NOON);
            assertThat(a.detail()).startsWith("no AC output with the sun 7").endsWith("° above the horizon");
        });
        engine.onTelemetry(reading("inv-1", NOON + 30_000, power(500)));
        engine.onTelemetry(reading("inv-1", NOON + 40_000, power(600)));
        assertThat(events).hasSize(2);
        assertThat(events.get(1).raised()).isFalse();
    }

    @Test
    void underperformingAgainstPeersWithHysteresis() {
        long t = NOON;
        for (int i = 0; i < 3; i++, t += 10_000) {
            engine.onTelemetry(reading("inv-2", t, power(30_000)));
            engine.onTelemetry(reading("inv-3", t, power(30_000)));
            engine.onTelemetry(reading("inv-1", t, power(18_000))); // 60 % of the peers
        }
        assertThat(events).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlarmType.UNDERPERFORMING);
            assertThat(a.device()).isEqualTo("inv-1");
            assertThat(a.detail()).isEqualTo("60 % of its peers' median output per kWp");
            assertThat(a.since()).as("the streak's first bad reading").isEqualTo(NOON);
        });
        for (int i = 0; i < 3; i++, t += 10_000) {
            engine.onTelemetry(reading("inv-2", t, power(30_000)));
            engine.onTelemetry(reading("inv-3", t, power(30_000)));
            engine.onTelemetry(reading("inv-1", t, power(24_000))); // 80 %: above the raise, below the clear level
        }
        assertThat(events).hasSize(1);
        for (int i = 0; i < 2; i++, t += 10_000) {
            engine.onTelemetry(reading("inv-1", t, power(27_000))); // 90 %
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(1).raised()).isFalse();
        assertThat(engine.allActive()).isEmpty();
    }

    @Test
    void gatewayLastWillRaisesAndOnlineClears() {
        engine.onGatewayStatus(GatewayStatus.offline("lin", "gw-lin", NOON));
        engine.onGatewayStatus(GatewayStatus.offline("lin", "gw-lin", NOON + 1000));
        engine.onGatewayStatus(GatewayStatus.online("lin", "gw-lin", NOON + 5000, 120, 0));
        assertThat(events).extracting(Alarm::type, Alarm::raised, Alarm::ts).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlarmType.GATEWAY_OFFLINE, true, NOON),
                org.assertj.core.groups.Tuple.tuple(AlarmType.GATEWAY_OFFLINE, false, NOON + 5000));
    }

    @Test
    void aLastWillWrittenAtConnectDatesTheOutageFromTheStationsNewestReading() {
        // the will carries the time the gateway connected; the station produced data for hours after that
        engine.onTelemetry(reading("inv-1", NOON + 3_600_000, power(30_000)));
        engine.onTelemetry(reading("inv-2", NOON + 3_610_000, power(30_000)));
        engine.onGatewayStatus(GatewayStatus.offline("lin", "gw-lin", NOON));
        assertThat(events).singleElement().satisfies(a -> {
            assertThat(a.ts()).isEqualTo(NOON);
            assertThat(a.since()).isEqualTo(NOON + 3_610_000);
        });
    }

}
