package org.yangguang.simulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yangguang.simulator.image.RegisterDump;
import org.yangguang.simulator.station.ImageDevice;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.yangguang.simulator.config.ConfigException;
import org.yangguang.simulator.config.Durations;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedInverter;
import org.yangguang.simulator.station.SimulatedStation;
import org.yangguang.contract.sun.SolarPosition;

/**
 * {@code simulate --config sim.yaml [--port N] [--duration PT10M] [--daylight] [--image UNIT=NAME|FILE ...]}
 *
 * <p>Prints one line per inverter and then {@code SIMULATOR READY port=<port>}, which the launcher waits for.
 * Runs until Ctrl-C / SIGTERM or the duration ends. Editing the faults in the config file while it runs applies them
 * live ({@link ConfigWatcher}). Exit codes: 0 normal, 2 bad arguments or config, 1 cannot start.
 */
public final class SimulatorMain {

    static final String USAGE = "usage: simulate --config sim.yaml [--port N] [--duration PT10M|10m] [--daylight]"
            + " [--image UNIT=NAME|FILE ...]";
    /** --daylight puts the sun where it stands at this local solar time when the simulator starts. */
    static final LocalTime DAYLIGHT_START = LocalTime.of(10, 0);
    private static final Duration STATUS_EVERY = Duration.ofMinutes(1);
    /** How often sim.yaml is checked for live fault changes. */
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // our own name, so the simulator jar on an integration test's classpath never fights its logback.xml
            System.setProperty("logback.configurationFile", "simulator-logback.xml");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        SimulatorConfig config;
        try {
            a = Arguments.parse(args);
            config = SimulatorConfig.load(a.config);
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("simulate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Clock clock = Clock.systemUTC();
        if (a.port != null) {
            config = config.withPort(a.port);
        }
        if (a.daylight) {
            Duration shift = SolarPosition.shiftToSolarTime(config.longitudeDeg(), clock.instant(), DAYLIGHT_START);
            config = config.withSolarShift(shift);
            out.printf(Locale.ROOT, "daylight: the sun is moved forward by %s (solar time 10:00 now); timestamps are real%n", shift);
        }

        SimulatedStation station;
        try {
            station = SimulatedStation.start(config, clock, a.images);
        } catch (Exception e) {
            err.println("simulate: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            station.close();
            stopped.countDown();
        }, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.printf(Locale.ROOT, "station %s at %.4f N %.4f E, %d inverters, %d W rated, SunSpec base %d, sun elevation %.1f deg%n",
                config.stationId(), config.latitudeDeg(), config.longitudeDeg(), config.inverters().size(),
                config.ratedPowerW(), config.sunspecBase(), station.sky().elevationDeg(clock.instant()));
        for (SimulatedInverter inverter : station.inverters()) {
            out.printf(Locale.ROOT, "inverter unit=%d serial=%s rated=%dW modbus=%s:%d unit %d faults=%s%n",
                    inverter.unit(), inverter.serial(), inverter.ratedPowerW(), station.host(), inverter.port(),
                    inverter.unit(), inverter.faults().describe());
        }
        for (ImageDevice device : station.images()) {
            out.printf(Locale.ROOT, "device unit=%d image=%s modbus=%s:%d unit %d%n", device.unit(),
                    device.image().name(), station.host(), device.port(), device.unit());
        }
        out.println("SIMULATOR READY port=" + station.port());
        out.flush();

        Instant end = a.duration == null ? null : clock.instant().plus(a.duration);
        ConfigWatcher watcher = new ConfigWatcher(a.config, station, out);
        Instant nextStatus = clock.instant().plus(STATUS_EVERY);
        try {
            while (end == null || clock.instant().isBefore(end)) {
                if (stopped.await(WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return 0;
                }
                watcher.poll();
                if (!clock.instant().isBefore(nextStatus)) {
                    nextStatus = nextStatus.plus(STATUS_EVERY);
                    out.printf(Locale.ROOT, "%s station %s: %d W, sun %.1f deg%n", clock.instant(), config.stationId(),
                            station.acPowerW(), station.sky().elevationDeg(clock.instant()));
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already and closes the station itself
        }
        station.close();
        out.println("simulator stopped");
        return 0;
    }

    /** Parsed command line. */
    private record Arguments(Path config, Integer port, Duration duration, boolean daylight,
                             Map<Integer, RegisterDump> images) {

        static Arguments parse(String[] args) {
            Path config = null;
            Integer port = null;
            Duration duration = null;
            boolean daylight = false;
            Map<Integer, RegisterDump> images = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--config" -> config = Path.of(value(args, ++i, arg));
                    case "--port" -> port = port(value(args, ++i, arg));
                    case "--duration" -> duration = Durations.parse(value(args, ++i, arg));
                    case "--daylight" -> daylight = true;
                    case "--image" -> image(value(args, ++i, arg), images);
                    case "-h", "--help" -> throw new IllegalArgumentException("help requested");
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (config == null) {
                throw new IllegalArgumentException("--config is required");
            }
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("config file " + config + " does not exist");
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("--duration must be positive, got " + duration);
            }
            return new Arguments(config, port, duration, daylight, images);
        }

        /** {@code 10=huawei-sun2000-50ktl-m3}: a shipped register image, or a file, served at a unit id. */
        private static void image(String spec, Map<Integer, RegisterDump> images) {
            int eq = spec.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--image wants UNIT=NAME or UNIT=FILE, got " + spec);
            }
            int unit;
            try {
                unit = Integer.parseInt(spec.substring(0, eq));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--image: '" + spec.substring(0, eq) + "' is not a unit id");
            }
            if (images.put(unit, RegisterDump.named(spec.substring(eq + 1))) != null) {
                throw new IllegalArgumentException("--image: unit " + unit + " given twice");
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            try {
                int p = Integer.parseInt(text);
                if (p < 0 || p > 65_535) {
                    throw new NumberFormatException();
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be 0..65535, got " + text);
            }
        }
    }
}
