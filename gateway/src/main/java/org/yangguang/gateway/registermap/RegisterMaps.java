package org.yangguang.gateway.registermap;

import org.yangguang.gateway.config.ConfigException;
import org.yangguang.gateway.config.DeviceConfig;
import org.yangguang.gateway.poll.DeviceReader;
import org.yangguang.gateway.sunspec.SunSpecReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the reader for a configured device: SunSpec discovery, or a vendor register map by name or file. */
public final class RegisterMaps {
    /** Maps in resources/maps, by name. */
    public static final List<String> SHIPPED = List.of("huawei-sun2000", "sungrow-sg", "eastron-sdm630");

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
        return new RegisterMapReader(find(d.map()), d.unit(), maxRegisters);
    }

    /**
     * A map by file path (contains '/' or ends in .yaml/.yml), else by name: NAME.yaml in the configured map
     * directories first (so a user can add or override a map without rebuilding), then the shipped maps.
     */
    public RegisterMap find(String nameOrFile) {
        if (nameOrFile.contains("/") || nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml")) {
            Path p = Path.of(nameOrFile);
            for (Path dir : dirs) {
                if (!p.isAbsolute() && Files.exists(dir.resolve(p))) {
                    return RegisterMapLoader.load(dir.resolve(p));
                }
            }
            if (!Files.exists(p)) {
                throw new ConfigException("register map file " + nameOrFile + " does not exist");
            }
            return RegisterMapLoader.load(p);
        }
        for (Path dir : dirs) {
            Path f = dir.resolve(nameOrFile + ".yaml");
            if (Files.exists(f)) {
                return RegisterMapLoader.load(f);
            }
        }
        RegisterMap shipped = RegisterMapLoader.loadShipped(nameOrFile);
        if (shipped == null) {
            throw new ConfigException("no register map named '" + nameOrFile + "' (shipped: " + String.join(", ", SHIPPED)
                    + "; or put " + nameOrFile + ".yaml in a mapDirs directory, or give a file path)");
        }
        return shipped;
    }

    /** Every shipped map, loaded (validated). */
    public static List<RegisterMap> shipped() {
        return SHIPPED.stream().map(RegisterMapLoader::loadShipped).toList();
    }
}
