package org.yangguang.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.NoSuchElementException;
import org.yangguang.simulator.config.ConfigException;
import org.yangguang.simulator.config.InverterConfig;
import org.yangguang.simulator.config.SimulatorConfig;
import org.yangguang.simulator.station.SimulatedInverter;
import org.yangguang.simulator.station.SimulatedStation;

/**
 * Live fault injection for a running simulator: when sim.yaml changes, each inverter's {@code faults} block is
 * applied at once. Everything else in the file needs a restart and is left alone. An invalid edit is reported and
 * ignored; the station keeps its current faults.
 */
final class ConfigWatcher {

    private final Path file;
    private final SimulatedStation station;
    private final PrintStream out;
    private FileTime seen;

    ConfigWatcher(Path file, SimulatedStation station, PrintStream out) {
        this.file = file;
        this.station = station;
        this.out = out;
        this.seen = modified();
    }

    /** Applies the faults if the file changed since the last call. */
    void poll() {
        FileTime now = modified();
        if (now == null || now.equals(seen)) {
            return;
        }
        seen = now;
        SimulatorConfig config;
        try {
            config = SimulatorConfig.load(file);
        } catch (ConfigException e) {
            out.println("config change ignored: " + e.getMessage());
            return;
        }
        for (InverterConfig ic : config.inverters()) {
            SimulatedInverter inverter;
            try {
                inverter = station.inverter(ic.unit());
            } catch (NoSuchElementException e) {
                out.println("config change: unit " + ic.unit() + " is new; restart the simulator to add it");
                continue;
            }
            if (!inverter.faults().equals(ic.faults())) {
                inverter.setFaults(ic.faults());
                out.println("faults of unit " + ic.unit() + " now: " + ic.faults().describe());
            }
        }
        out.flush();
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
