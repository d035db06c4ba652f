package org.yangguang.collector.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yangguang.contract.Topics;

/**
 * Stations, their gateways and devices the collector knows, with what station KPIs need: peak power (kWp) and
 * location (for the sun). Loaded from a small text file, one declaration a line:
 * <pre>
 * station lin-baiwen-01 kwp=300 lat=37.95 lon=110.99
 * gateway gw-baiwen-01 station=lin-baiwen-01 user=gw-baiwen-01
 * device  lin-baiwen-01/inv-01 kwp=50
 * </pre>
 * A {@code gateway} line says which gateway serves the station (a large station may have several) and, as
 * {@code user}, its broker login (default: the gateway id); the broker's access file is written from these
 * ({@code ./yangguang broker-access}). A station with gateways declared takes readings only from them; under
 * {@link RegistrationPolicy#STRICT} a station must declare its gateways. Under {@link RegistrationPolicy#AUTO}
 * devices that are not listed are added when they first report.
 */
public final class StationRegistry {
    public record Station(String id, double kwp, double lat, double lon) {
    }

    public record Device(String station, String device, String kind, double kwp) {
    }

    /** A gateway, the station it serves and the user name it logs in to the broker with. */
    public record Gateway(String id, String station, String user) {
    }

    private final Map<String, Station> stations = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();

    public static StationRegistry empty() {
        return new StationRegistry();
    }

    public static StationRegistry load(Path file) throws IOException {
        StationRegistry r = new StationRegistry();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                r.declare(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return r;
    }

    void declare(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length < 2) {
            throw new IllegalArgumentException("expected 'station <id> kwp=.. lat=.. lon=..', 'gateway <id> station=.. [user=..]' "
                    + "or 'device <station>/<device> kwp=..', got '" + line + "'");
        }
        Map<String, String> attrs = new ConcurrentHashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not key=value");
            }
            attrs.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        switch (parts[0]) {
            case "station" -> stations.put(parts[1], new Station(parts[1], number(attrs, "kwp", 0),
                    number(attrs, "lat", Double.NaN), number(attrs, "lon", Double.NaN)));
            case "device" -> {
                String[] sd = parts[1].split("/");
                if (sd.length != 2) {
                    throw new IllegalArgumentException("device must be written <station>/<device>, got '" + parts[1] + "'");
                }
                devices.put(parts[1], new Device(sd[0], sd[1], attrs.getOrDefault("kind", "inverter"), number(attrs, "kwp", 0)));
                stations.computeIfAbsent(sd[0], id -> new Station(id, 0, Double.NaN, Double.NaN));
            }
            case "gateway" -> {
                String station = attrs.get("station");
                if (!Topics.isId(parts[1]) || station == null || !Topics.isId(station)) {
                    throw new IllegalArgumentException("gateway must be written 'gateway <id> station=<station id> [user=<broker user>]' "
                            + "with ids matching " + Topics.ID.pattern() + ", got '" + line + "'");
                }
                Gateway previous = gateways.putIfAbsent(parts[1], new Gateway(parts[1], station, attrs.getOrDefault("user", parts[1])));
                if (previous != null) {
                    throw new IllegalArgumentException("gateway " + parts[1] + " is declared twice (a gateway serves one station)");
                }
                stations.computeIfAbsent(station, id -> new Station(id, 0, Double.NaN, Double.NaN));
            }
            default -> throw new IllegalArgumentException("unknown declaration '" + parts[0] + "' (station, gateway or device)");
        }
    }

    private static double number(Map<String, String> attrs, String key, double fallback) {
        String v = attrs.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "='" + v + "' is not a number");
        }
    }

    private final java.util.Set<String> fromFeed = ConcurrentHashMap.newKeySet();

    /**
     * Takes what distribution's registry now says ({@code registry.RegistrySync}): its stations, gateways and devices
     * replace the ones an earlier answer gave, and those it no longer lists are dropped. Devices this collector
     * registered by itself ({@link RegistrationPolicy#AUTO}) stay: the registry does not know them yet. Lookups made
     * during the swap see the old entry or the new one, never none of a station that is in both.
     */
    public synchronized void replaceDeclared(List<Station> newStations, List<Gateway> newGateways, List<Device> newDevices) {
        java.util.Set<String> now = new java.util.HashSet<>();
        for (Station s : newStations) {
            stations.put(s.id(), s);
            now.add("s:" + s.id());
        }
        for (Gateway g : newGateways) {
            gateways.put(g.id(), g);
            now.add("g:" + g.id());
        }
        for (Device d : newDevices) {
            devices.put(d.station() + "/" + d.device(), d);
            now.add("d:" + d.station() + "/" + d.device());
        }
        for (String key : fromFeed) {
            if (!now.contains(key)) {
                String k = key.substring(2);
                switch (key.charAt(0)) {
                    case 's' -> stations.remove(k);
                    case 'g' -> gateways.remove(k);
                    default -> devices.remove(k);
                }
            }
        }
        fromFeed.retainAll(now);
        fromFeed.addAll(now);
    }

    /** The gateways declared for {@code station} (none: the registry does not say). */
    public List<Gateway> gatewaysOf(String station) {
        return gateways.values().stream().filter(g -> g.station().equals(station)).sorted(java.util.Comparator.comparing(Gateway::id)).toList();
    }

    public Optional<Gateway> gateway(String id) {
        return Optional.ofNullable(gateways.get(id));
    }

    public Collection<Gateway> gateways() {
        return gateways.values();
    }

    public boolean knows(String station, String device) {
        return devices.containsKey(station + "/" + device);
    }

    /** Adds a device seen for the first time; returns true if it was new. */
    public boolean register(String station, String device, String kind) {
        stations.computeIfAbsent(station, id -> new Station(id, 0, Double.NaN, Double.NaN));
        return devices.putIfAbsent(station + "/" + device, new Device(station, device, kind, 0)) == null;
    }

    public Optional<Device> device(String station, String device) {
        return Optional.ofNullable(devices.get(station + "/" + device));
    }

    public Optional<Station> station(String id) {
        return Optional.ofNullable(stations.get(id));
    }

    public Collection<Station> stations() {
        return stations.values();
    }

    public Collection<Device> devices() {
        return devices.values();
    }
}
