package org.yangguang.collector.alarm;

import org.yangguang.collector.validation.StationRegistry;
import org.yangguang.contract.DeviceStatus;
import org.yangguang.contract.GatewayStatus;
import org.yangguang.contract.PointValue;
import org.yangguang.contract.Telemetry;
import org.yangguang.contract.sun.SolarPosition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Alarm lifecycle (raise → clear) with hysteresis, fed with every reading of every device (the alarm feed is a
 * plain, non-shared subscription, so each collector sees whole device histories and collectors that evaluate
 * alarms agree). Event times come from the data, so redundant evaluators write identical points.
 * <ul>
 *   <li>device_offline: no ok reading for {@code offlineCycles} poll cycles; cleared by the next ok reading;</li>
 *   <li>gateway_offline: the gateway's retained status (its MQTT last will) says offline; cleared by online;</li>
 *   <li>fault: fault_code ≠ 0 (decoded, {@link FaultCodes}); vendor_event: events bit field ≠ 0; each cleared
 *       after {@link #CLEAR_AFTER} consecutive zero readings, so a flapping code does not flood operators;</li>
 *   <li>zero_output_daylight: an inverter at ≤ 0 W for {@link #RAISE_AFTER} readings while the sun is more than
 *       {@link #DAYLIGHT_ELEVATION}° up at the station; cleared by {@link #CLEAR_AFTER} readings with output;</li>
 *   <li>underperforming: an inverter's power per kWp below {@link #UNDER_RAISE} of its peers' median (at least
 *       three inverters reporting) for {@link #RAISE_AFTER} readings; cleared at {@link #UNDER_CLEAR} for
 *       {@link #CLEAR_AFTER} readings (the gap between the two is the hysteresis).</li>
 * </ul>
 * Confined to the event loop; never blocks (the sink stores and publishes asynchronously).
 */
public final class AlarmEngine {
    static final int RAISE_AFTER = 3;
    static final int CLEAR_AFTER = 2;
    static final double DAYLIGHT_ELEVATION = 15;
    static final double UNDER_RAISE = 0.7;
    static final double UNDER_CLEAR = 0.85;
    /** Peers below this per-kWp power (W/kWp) are too dark to compare (dawn, dusk, heavy cloud). */
    static final double MIN_PEER_W_PER_KWP = 50;

    private final Clock clock;
    private final Duration offlineAfter;
    private final long pollMs;
    private final StationRegistry registry;
    private final Consumer<Alarm> sink;
    private final Map<String, Map<AlarmType, Alarm>> active = new HashMap<>();
    private final Map<String, DeviceState> devices = new HashMap<>();
    private final Map<String, List<DeviceState>> inverters = new HashMap<>(); // by station, for peer comparison

    private static final class DeviceState {
        String station;
        String device;
        String kind;
        long lastOk = Long.MIN_VALUE;
        double kwp;
        double wPerKwp = Double.NaN;
        long powerTs;
        final Map<AlarmType, long[]> streaks = new HashMap<>(); // [bad, good, time of the streak's first bad reading]
    }

    public AlarmEngine(Clock clock, Duration pollInterval, int offlineCycles, StationRegistry registry, Consumer<Alarm> sink) {
        this.clock = clock;
        this.offlineAfter = pollInterval.multipliedBy(offlineCycles);
        this.pollMs = pollInterval.toMillis();
        this.registry = registry;
        this.sink = sink;
    }

    private static String key(String station, String device) {
        return station + "/" + device;
    }

    public void onTelemetry(Telemetry t) {
        DeviceState d = devices.get(key(t.station(), t.device()));
        if (d == null) {
            d = new DeviceState();
            d.station = t.station();
            d.device = t.device();
            d.kind = t.kind();
            devices.put(key(t.station(), t.device()), d);
            if ("inverter".equals(t.kind())) {
                inverters.computeIfAbsent(t.station(), s -> new ArrayList<>()).add(d);
            }
            d.kwp = registry.device(t.station(), t.device()).map(StationRegistry.Device::kwp).orElse(0.0);
        }
        if (t.status() != DeviceStatus.OK) {
            return; // "without data": the offline window keeps running from the last ok reading
        }
        if (t.ts() <= d.lastOk) {
            // History, not news: after an outage a gateway replays its backlog behind live readings, and a
            // redelivered duplicate repeats one. Both are stored, but must not move streaks or clear "offline":
            // an hour-old good reading arriving now would otherwise clear a fault that is still there.
            return;
        }
        d.lastOk = t.ts();
        clear(t.station(), t.device(), AlarmType.DEVICE_OFFLINE, t.ts(), AlarmDetail.of(AlarmDetail.Code.REPORTING_AGAIN, "reporting again"));

        PointValue fault = t.points().get("fault_code");
        if (fault != null) {
            boolean bad = fault.value() != 0;
            streak(d, AlarmType.FAULT, bad, 1, t.ts(),
                    () -> FaultCodes.detail(t.model(), (int) fault.value(), fault.text()),
                    AlarmDetail.of(AlarmDetail.Code.FAULT_CLEARED, "fault code back to 0"));
        }
        PointValue events = t.points().get("events");
        if (events != null) {
            boolean bad = events.value() != 0;
            streak(d, AlarmType.VENDOR_EVENT, bad, 1, t.ts(),
                    () -> AlarmDetail.events(events.text() != null ? events.text() : Long.toBinaryString((long) events.value())),
                    AlarmDetail.of(AlarmDetail.Code.EVENTS_CLEARED, "no event flags set"));
        }
        PointValue power = t.points().get("ac_power");
        if (power != null && "inverter".equals(t.kind())) {
            zeroOutput(d, power.value(), t.ts());
            underperforming(d, power.value(), t.ts());
        }
    }

    private void zeroOutput(DeviceState d, double watts, long ts) {
        Optional<StationRegistry.Station> s = registry.station(d.station);
        if (s.isEmpty() || Double.isNaN(s.get().lat()) || Double.isNaN(s.get().lon())) {
            return; // no location, no sun: this alarm needs the station's coordinates in the registry
        }
        double elevation = SolarPosition.elevationDeg(s.get().lat(), s.get().lon(), java.time.Instant.ofEpochMilli(ts));
        if (elevation < DAYLIGHT_ELEVATION && watts <= 0) {
            return; // night or low sun: zero output is expected, and proves nothing either way
        }
        boolean bad = watts <= 0;
        streak(d, AlarmType.ZERO_OUTPUT_DAYLIGHT, bad, RAISE_AFTER, ts,
                () -> AlarmDetail.noOutputInSun(elevation), AlarmDetail.of(AlarmDetail.Code.PRODUCING_AGAIN, "producing again"));
    }

    private void underperforming(DeviceState d, double watts, long ts) {
        d.wPerKwp = d.kwp > 0 ? watts / d.kwp : watts; // without kWp, inverters of one station are compared as equals
        d.powerTs = ts;
        List<Double> peers = new ArrayList<>();
        long fresh = 2 * pollMs; // peers' readings from about the same poll
        for (DeviceState p : inverters.getOrDefault(d.station, List.of())) {
            if (p != d && !Double.isNaN(p.wPerKwp)
                    && Math.abs(p.powerTs - ts) <= fresh) {
                peers.add(p.wPerKwp);
            }
        }
        if (peers.size() < 2) {
            return; // fewer than three inverters reporting: no meaningful comparison
        }
        peers.sort(Double::compare);
        double median = peers.size() % 2 == 1 ? peers.get(peers.size() / 2)
                : (peers.get(peers.size() / 2 - 1) + peers.get(peers.size() / 2)) / 2;
        if (median < MIN_PEER_W_PER_KWP) {
            return;
        }
        double ratio = d.wPerKwp / median;
        boolean raised = isActive(d.station, d.device, AlarmType.UNDERPERFORMING);
        boolean bad = raised ? ratio < UNDER_CLEAR : ratio < UNDER_RAISE;
        streak(d, AlarmType.UNDERPERFORMING, bad, RAISE_AFTER, ts,
                () -> AlarmDetail.peerRatio(ratio),
                AlarmDetail.of(AlarmDetail.Code.BACK_IN_LINE, "back in line with its peers"));
    }

    /** Counts consecutive bad/good readings and raises or clears at the thresholds. */
    private void streak(DeviceState d, AlarmType type, boolean bad, int raiseAfter, long ts,
                        java.util.function.Supplier<AlarmDetail> raiseDetail, AlarmDetail clearDetail) {
        long[] s = d.streaks.computeIfAbsent(type, k -> new long[3]);
        if (bad) {
            if (s[0] == 0) {
                s[2] = ts;
            }
            s[0]++;
            s[1] = 0;
            if (s[0] >= raiseAfter) {
                // raised on the Nth bad reading, but the fault began by the first: that is when it started costing
                raise(d.station, d.device, type, ts, s[2], raiseDetail.get());
            }
        } else {
            s[1]++;
            s[0] = 0;
            if (s[1] >= CLEAR_AFTER) {
                clear(d.station, d.device, type, ts, clearDetail);
            }
        }
    }

    public void onGatewayStatus(GatewayStatus status) {
        if (status.isOnline()) {
            clear(status.station(), status.gateway(), AlarmType.GATEWAY_OFFLINE, status.ts(),
                    AlarmDetail.of(AlarmDetail.Code.GATEWAY_ONLINE, "gateway online"));
        } else {
            // A last will carries the time the gateway connected, which may be days ago: the station went dark
            // after its newest reading, so that is when it started costing.
            long since = status.ts();
            for (DeviceState d : devices.values()) {
                if (d.station.equals(status.station()) && d.lastOk > since) {
                    since = d.lastOk;
                }
            }
            raise(status.station(), status.gateway(), AlarmType.GATEWAY_OFFLINE, status.ts(), since,
                    AlarmDetail.lastWill(status.gateway()));
        }
    }

    /** A gateway's readings are missing past the replay window ({@link org.yangguang.collector.receipt.GapTracker}). */
    public void telemetryGap(String station, String gateway, long ts, String detail) {
        raise(station, gateway, AlarmType.TELEMETRY_GAP, ts, AlarmDetail.readings(AlarmDetail.Code.READINGS_MISSING, gateway, detail));
    }

    public void telemetryGapClosed(String station, String gateway, long ts, String detail) {
        clear(station, gateway, AlarmType.TELEMETRY_GAP, ts, AlarmDetail.readings(AlarmDetail.Code.READINGS_ACCOUNTED, gateway, detail));
    }

    /** Called every poll interval: raises device_offline for devices silent longer than the offline window. */
    public void checkOffline() {
        long now = clock.millis();
        for (DeviceState d : devices.values()) {
            if (d.lastOk != Long.MIN_VALUE && now - d.lastOk > offlineAfter.toMillis()) {
                raise(d.station, d.device, AlarmType.DEVICE_OFFLINE, d.lastOk + offlineAfter.toMillis(), d.lastOk,
                        AlarmDetail.noData(offlineAfter.toSeconds(), d.lastOk));
            }
        }
    }

    private boolean isActive(String station, String device, AlarmType type) {
        return active.getOrDefault(key(station, device), Map.of()).containsKey(type);
    }

    private void raise(String station, String device, AlarmType type, long ts, AlarmDetail detail) {
        raise(station, device, type, ts, ts, detail);
    }

    /** {@code since}: when the trouble began, as far as the data tells (see {@link Alarm#since()}). */
    private void raise(String station, String device, AlarmType type, long ts, long since, AlarmDetail detail) {
        Map<AlarmType, Alarm> a = active.computeIfAbsent(key(station, device), k -> new HashMap<>());
        if (a.containsKey(type)) {
            return;
        }
        Alarm alarm = new Alarm(station, device, type, true, ts, since, detail);
        a.put(type, alarm);
        sink.accept(alarm);
    }

    private void clear(String station, String device, AlarmType type, long ts, AlarmDetail detail) {
        Map<AlarmType, Alarm> a = active.get(key(station, device));
        if (a == null || a.remove(type) == null) {
            return;
        }
        sink.accept(new Alarm(station, device, type, false, ts, detail));
    }

    /** Alarms raised and not cleared, for one device. */
    public List<Alarm> active(String station, String device) {
        return new ArrayList<>(active.getOrDefault(key(station, device), Map.of()).values());
    }

    public List<Alarm> allActive() {
        List<Alarm> out = new ArrayList<>();
        active.values().forEach(m -> out.addAll(m.values()));
        return out;
    }
}
