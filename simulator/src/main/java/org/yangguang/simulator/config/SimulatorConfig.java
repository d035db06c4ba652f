package org.yangguang.simulator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.yangguang.simulator.sunspec.SunSpec;

/**
 * A simulated station. See simulator/README.md for the YAML reference.
 *
 * @param stationId       for logs only
 * @param latitudeDeg     north positive; Lin County seat by default
 * @param longitudeDeg    east positive
 * @param host            address to listen on
 * @param port            TCP port; 0 picks a free one
 * @param portPerInverter true: each inverter gets its own port (port, port+1, …, or free ports when port is 0)
 *                        instead of sharing one port by unit id like inverters behind a logger
 * @param sunspecBase     40000, 0 or 50000
 * @param seed            seeds the cloud pattern
 * @param cloudiness      0 clear … 1 heavy passing clouds
 * @param updateInterval  how often registers refresh by themselves; null: only on {@code refresh()}
 * @param offlineHold     how long an offline unit holds a request before dropping the connection (see README)
 * @param solarShift      moves the sun (only the sun) forward, e.g. for {@code --daylight}
 * @param inverters       at least one, unit ids unique
 */
public record SimulatorConfig(String stationId, double latitudeDeg, double longitudeDeg, String host, int port,
                              boolean portPerInverter, int sunspecBase, long seed, double cloudiness,
                              Duration updateInterval, Duration offlineHold, Duration solarShift,
                              List<InverterConfig> inverters) {

    public static final double LIN_COUNTY_LATITUDE = 37.95;
    public static final double LIN_COUNTY_LONGITUDE = 110.99;
    public static final Duration DEFAULT_OFFLINE_HOLD = Duration.ofSeconds(10);

    public SimulatorConfig {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (!SunSpec.BASE_ADDRESSES.contains(sunspecBase)) {
            throw new IllegalArgumentException("sunspecBase must be 40000, 0 or 50000, got " + sunspecBase);
        }
        if (!(cloudiness >= 0.0 && cloudiness <= 1.0)) {
            throw new IllegalArgumentException("cloudiness must be within [0, 1], got " + cloudiness);
        }
        if (updateInterval != null && (updateInterval.isNegative() || updateInterval.isZero())) {
            throw new IllegalArgumentException("updateInterval must be positive, got " + updateInterval);
        }
        Objects.requireNonNull(offlineHold, "offlineHold");
        Objects.requireNonNull(solarShift, "solarShift");
        inverters = List.copyOf(inverters);
        if (inverters.isEmpty()) {
            throw new IllegalArgumentException("a station needs at least one inverter");
        }
        Set<Integer> units = new HashSet<>();
        for (InverterConfig inverter : inverters) {
            if (!units.add(inverter.unit())) {
                throw new IllegalArgumentException("unit " + inverter.unit() + " appears twice");
            }
        }
    }

    /** Reads a sim.yaml; errors name the file, line and key. */
    public static SimulatorConfig load(Path file) {
        return ConfigLoader.load(file);
    }

    /** Three 50 kW inverters (units 1–3) at Lin County, on a free port, clear sky, refreshed only on demand. */
    public static SimulatorConfig defaults() {
        return defaults(3, 50_000);
    }

    /** {@code count} inverters of {@code ratedPowerW} (units 1..count, serials SIM-0001…) at Lin County. */
    public static SimulatorConfig defaults(int count, long ratedPowerW) {
        List<InverterConfig> list = new ArrayList<>();
        for (int unit = 1; unit <= count; unit++) {
            list.add(InverterConfig.of(unit, ratedPowerW, String.format("SIM-%04d", unit)));
        }
        return new SimulatorConfig("sim-station", LIN_COUNTY_LATITUDE, LIN_COUNTY_LONGITUDE, "127.0.0.1", 0, false,
                40_000, 1L, 0.0, null, DEFAULT_OFFLINE_HOLD, Duration.ZERO, list);
    }

    public SimulatorConfig withPort(int value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, value, portPerInverter, sunspecBase, seed,
                cloudiness, updateInterval, offlineHold, solarShift, inverters);
    }

    public SimulatorConfig withPortPerInverter(boolean value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, value, sunspecBase, seed,
                cloudiness, updateInterval, offlineHold, solarShift, inverters);
    }

    public SimulatorConfig withSunspecBase(int value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, portPerInverter, value, seed,
                cloudiness, updateInterval, offlineHold, solarShift, inverters);
    }

    public SimulatorConfig withClouds(double cloudinessValue, long seedValue) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, portPerInverter, sunspecBase,
                seedValue, cloudinessValue, updateInterval, offlineHold, solarShift, inverters);
    }

    public SimulatorConfig withUpdateInterval(Duration value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, portPerInverter, sunspecBase, seed,
                cloudiness, value, offlineHold, solarShift, inverters);
    }

    public SimulatorConfig withOfflineHold(Duration value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, portPerInverter, sunspecBase, seed,
                cloudiness, updateInterval, value, solarShift, inverters);
    }

    public SimulatorConfig withSolarShift(Duration value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, portPerInverter, sunspecBase, seed,
                cloudiness, updateInterval, offlineHold, value, inverters);
    }

    public SimulatorConfig withInverters(List<InverterConfig> value) {
        return new SimulatorConfig(stationId, latitudeDeg, longitudeDeg, host, port, portPerInverter, sunspecBase, seed,
                cloudiness, updateInterval, offlineHold, solarShift, value);
    }

    /** Total rated AC power of the station. */
    public long ratedPowerW() {
        return inverters.stream().mapToLong(InverterConfig::ratedPowerW).sum();
    }
}
