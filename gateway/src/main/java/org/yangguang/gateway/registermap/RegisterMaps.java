package org.yangguang.gateway.registermap;

import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.sunspec.SunSpecReader;

import java.nio.file.Path;
import java.util.List;

/** Finds the reader for a configured device: SunSpec discovery, or a vendor register map by name or file. */
public final class RegisterMaps {
    private final List<Path> dirs;

    private RegisterMaps(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    public static RegisterMaps withDirs(List<Path> dirs) {
        return new RegisterMaps(dirs);
    }

    public DeviceReader reader(DeviceConfig d, int maxRegisters) {
        if (d.isSunSpec()) {
            return new SunSpecReader(d.unit(), maxRegisters);
        }
        throw new ConfigException("device " + d.id() + ": vendor register maps are not supported yet (map " + d.map() + ")");
    }
}
