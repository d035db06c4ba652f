package org.yangguang.simulator.station;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.simulator.config.InverterConfig;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.image.RegisterDump;
import org.yangguang.simulator.modbus.ModbusEndpoint;
import org.yangguang.simulator.modbus.UnitBehaviour;
import org.yangguang.simulator.sun.CloudCover;
import org.yangguang.simulator.sun.Sky;

/**
 * A virtual PV station: inverters under one sky, served over Modbus TCP.
 *
 * <pre>{@code
 * try (SimulatedStation station = SimulatedStation.start(SimulatorConfig.defaults(), clock)) {
 *     int port = station.port();
 *     station.refresh();                        // registers now reflect clock.instant()
 *     long w = station.inverter(1).served().acPowerW();
 * }
 * }</pre>
 *
 * Time is the injected {@link Clock}: registers change only on {@link #refresh()}, which the scheduler started by
 * {@link #startUpdates(Duration)} (or {@code updateInterval} in the config) calls periodically.
 */
public final class SimulatedStation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedStation.class);
    static final String VERSION = "0.1.0";

    private final SimulatorConfig config;
    private final Clock clock;
    private final Sky sky;
    private final List<SimulatedInverter> inverters;
    private final List<ImageDevice> images;
    private final List<ModbusEndpoint> endpoints = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private SimulatedStation(SimulatorConfig config, Clock clock, Map<Integer, RegisterDump> images) {
        this.config = config;
        this.clock = clock;
        this.sky = new Sky(config.latitudeDeg(), config.longitudeDeg(),
                new CloudCover(config.cloudiness(), config.seed()), config.solarShift());
        List<SimulatedInverter> list = new ArrayList<>();
        for (InverterConfig ic : config.inverters()) {
            list.add(new SimulatedInverter(ic, VERSION));
        }
        this.inverters = List.copyOf(list);
        List<ImageDevice> devices = new ArrayList<>();
        images.forEach((unit, image) -> {
            if (unit < 1 || unit > 247 || list.stream().anyMatch(i -> i.unit() == unit)) {
                throw new IllegalArgumentException("register image " + image.name() + ": unit " + unit
                        + " is outside 1..247 or an inverter's");
            }
            devices.add(new ImageDevice(unit, image));
        });
        this.images = List.copyOf(devices);
    }

    /**
     * Computes the first registers at {@code clock.instant()}, binds the port(s) and starts serving. Starts the
     * periodic refresh only if {@code config.updateInterval()} is set.
     */
    public static SimulatedStation start(SimulatorConfig config, Clock clock) throws IOException {
        return start(config, clock, Map.of());
    }

    /**
     * As {@link #start(SimulatorConfig, Clock)}, with vendor devices besides the SunSpec inverters: each served from
     * a register image at its unit id (on the inverters' port, or a port of its own with {@code portPerInverter}).
     */
    public static SimulatedStation start(SimulatorConfig config, Clock clock, Map<Integer, RegisterDump> images)
            throws IOException {
        SimulatedStation station = new SimulatedStation(config, clock, images);
        station.refresh();
        try {
            station.listen();
        } catch (IOException | RuntimeException e) {
            station.close();
            throw e;
        }
        if (config.updateInterval() != null) {
            station.startUpdates(config.updateInterval());
        }
        return station;
    }

    private void listen() throws IOException {
        if (config.portPerInverter()) {
            for (int k = 0; k < inverters.size(); k++) {
                SimulatedInverter inverter = inverters.get(k);
                int port = config.port() == 0 ? 0 : config.port() + k;
                ModbusEndpoint endpoint = ModbusEndpoint.open(config.host(), port,
                        Map.of(inverter.unit(), behaviour(inverter)), config.sunspecBase(), config.offlineHold(), closing);
                endpoints.add(endpoint);
                inverter.port(endpoint.port());
            }
            for (int k = 0; k < images.size(); k++) {
                ImageDevice device = images.get(k);
                int port = config.port() == 0 ? 0 : config.port() + inverters.size() + k;
                ModbusEndpoint endpoint = ModbusEndpoint.open(config.host(), port, Map.of(device.unit(), device),
                        config.sunspecBase(), config.offlineHold(), closing);
                endpoints.add(endpoint);
                device.port(endpoint.port());
            }
        } else {
            Map<Integer, UnitBehaviour> units = new LinkedHashMap<>();
            inverters.forEach(inverter -> units.put(inverter.unit(), behaviour(inverter)));
            images.forEach(device -> units.put(device.unit(), device));
            ModbusEndpoint endpoint = ModbusEndpoint.open(config.host(), config.port(), units, config.sunspecBase(),
                    config.offlineHold(), closing);
            endpoints.add(endpoint);
            inverters.forEach(inverter -> inverter.port(endpoint.port()));
            images.forEach(device -> device.port(endpoint.port()));
        }
    }

    private static UnitBehaviour behaviour(SimulatedInverter inverter) {
        return new UnitBehaviour() {
            @Override
            public int[] registers() {
                return inverter.registersShared();
            }

            @Override
            public boolean offline() {
                return inverter.faults().offline();
            }

            @Override
            public Duration responseDelay() {
                return inverter.faults().slowResponse();
            }
        };
    }

    /** Recomputes every inverter's registers for {@code clock.instant()} and integrates energy since the last refresh. */
    public synchronized void refresh() {
        Instant now = clock.instant();
        double factor = sky.outputFactor(now);
        for (SimulatedInverter inverter : inverters) {
            inverter.refresh(now, factor);
        }
    }

    /** Refreshes every {@code interval} (real time) until {@link #close()}. Calling it again changes the interval. */
    public synchronized void startUpdates(Duration interval) {
        if (closed) {
            throw new IllegalStateException("station is closed");
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-refresh");
            t.setDaemon(true);
            return t;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleAtFixedRate(this::refreshSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    private void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // a failed refresh must not stop the schedule: clients keep reading the last good registers
            log.error("refresh failed; serving the previous registers", e);
        }
    }

    /** The first (with one shared port: the only) listening port. */
    public int port() {
        return endpoints.get(0).port();
    }

    /** All listening ports, in inverter order when each inverter has its own. */
    public List<Integer> ports() {
        return endpoints.stream().map(ModbusEndpoint::port).toList();
    }

    public String host() {
        return config.host();
    }

    public List<SimulatedInverter> inverters() {
        return inverters;
    }

    public SimulatedInverter inverter(int unit) {
        return inverters.stream().filter(i -> i.unit() == unit).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no inverter with unit id " + unit));
    }

    /** The vendor devices served from register images, in unit order given at start. */
    public List<ImageDevice> images() {
        return images;
    }

    public ImageDevice image(int unit) {
        return images.stream().filter(d -> d.unit() == unit).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no register image at unit id " + unit));
    }

    public SimulatorConfig config() {
        return config;
    }

    public Sky sky() {
        return sky;
    }

    /** Sum of the AC power all inverters serve now. */
    public long acPowerW() {
        return inverters.stream().mapToLong(i -> i.served().acPowerW()).sum();
    }

    /** Stops the updates and the listeners; held (offline, slow) requests are released and dropped. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        for (ModbusEndpoint endpoint : endpoints) {
            endpoint.close();
        }
    }
}
