package org.yangguang.gateway.config;

import org.yangguang.gateway.modbus.LinkTiming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@link GatewayConfig} from YAML, with file:line errors for everything it rejects. */
final class ConfigReader {
    private ConfigReader() {
    }

    static GatewayConfig read(YamlTree root, Path baseDir) {
        root.only(Set.of("station", "gateway", "pollInterval", "mqtt", "buffer", "links", "mapDirs", "health", "clock"));
        String station = id(root.get("station"));
        String gateway = id(root.get("gateway"));
        YamlTree m = root.get("mqtt").only(Set.of("url", "username", "password", "passwordFile", "tls", "clientId",
                "replayRate", "maxInflight", "maxReconnectDelay", "linger", "maxBatch", "receiptTimeout"));
        MqttConfig.TlsConfig tls = m.opt("tls").map(t -> {
            t.only(Set.of("ca", "cert", "key"));
            return wrap(t, () -> new MqttConfig.TlsConfig(path(t, "ca", baseDir), path(t, "cert", baseDir), path(t, "key", baseDir)));
        }).orElse(null);
        String password = password(m, baseDir);
        MqttConfig mqtt = wrap(m, () -> new MqttConfig(m.get("url").text(), m.string("username", null),
                password, tls, m.string("clientId", gateway), m.integer("replayRate", 200, 1, 100_000),
                m.integer("maxInflight", 100, 1, 65_535), m.duration("maxReconnectDelay", Duration.ofSeconds(60)),
                m.duration("linger", MqttConfig.DEFAULT_LINGER),
                m.integer("maxBatch", MqttConfig.DEFAULT_MAX_BATCH, 1, 1000),
                m.duration("receiptTimeout", MqttConfig.DEFAULT_RECEIPT_TIMEOUT)));
        YamlTree b = root.get("buffer").only(Set.of("dir", "maxBytes", "syncInterval", "segmentBytes"));
        BufferConfig defaults = BufferConfig.of(Path.of("."));
        BufferConfig buffer = wrap(b, () -> new BufferConfig(path(b, "dir", baseDir),
                b.opt("maxBytes").map(YamlTree::asBytes).orElse(defaults.maxBytes()),
                b.duration("syncInterval", defaults.syncInterval()),
                b.opt("segmentBytes").map(YamlTree::asBytes).orElse(defaults.segmentBytes())));
        Duration poll = root.duration("pollInterval", GatewayConfig.DEFAULT_POLL_INTERVAL);
        List<LinkConfig> links = new ArrayList<>();
        for (YamlTree l : root.get("links").list()) {
            links.add(link(l));
        }
        List<Path> mapDirs = new ArrayList<>();
        root.opt("mapDirs").ifPresent(d -> d.list().forEach(x -> mapDirs.add(baseDir.resolve(x.text()))));
        HealthConfig health = root.opt("health").map(h -> {
            h.only(Set.of("host", "port"));
            return wrap(h, () -> new HealthConfig(h.string("host", HealthConfig.DEFAULT_HOST), h.integer("port", 9102, 0, 65535)));
        }).orElse(null);
        ClockConfig clock = root.opt("clock").map(c -> {
            c.only(Set.of("synchronizedWhen"));
            String when = c.get("synchronizedWhen").text();
            return when.equals("timedatectl") ? new ClockConfig(true, null)
                    : when.equals("always") ? ClockConfig.TRUST : new ClockConfig(false, baseDir.resolve(when));
        }).orElse(ClockConfig.TRUST);
        return wrap(root, () -> new GatewayConfig(station, gateway, mqtt, buffer, poll, links, mapDirs, health, clock));
    }

    private static LinkConfig link(YamlTree l) {
        l.only(Set.of("tcp", "rtu", "timeout", "retries", "pauseBetweenRequests", "delayAfterConnect",
                "maxRegistersPerRequest", "devices"));
        LinkConfig.Tcp tcp = l.opt("tcp").map(t -> {
            t.only(Set.of("host", "port"));
            return new LinkConfig.Tcp(t.get("host").text(), t.integer("port", 502, 1, 65535));
        }).orElse(null);
        LinkConfig.Rtu rtu = l.opt("rtu").map(r -> {
            r.only(Set.of("port", "baud", "dataBits", "parity", "stopBits"));
            String parity = r.string("parity", LinkConfig.Rtu.DEFAULT_PARITY).toLowerCase();
            if (!LinkConfig.Rtu.PARITIES.contains(parity)) {
                throw r.get("parity").error("must be none, even or odd, was '" + parity + "'");
            }
            return new LinkConfig.Rtu(r.get("port").text(),
                    r.integer("baud", LinkConfig.Rtu.DEFAULT_BAUD, LinkConfig.Rtu.MIN_BAUD, LinkConfig.Rtu.MAX_BAUD),
                    r.integer("dataBits", LinkConfig.Rtu.DEFAULT_DATA_BITS, LinkConfig.Rtu.MIN_DATA_BITS, LinkConfig.Rtu.MAX_DATA_BITS),
                    parity,
                    r.integer("stopBits", LinkConfig.Rtu.DEFAULT_STOP_BITS, LinkConfig.Rtu.MIN_STOP_BITS, LinkConfig.Rtu.MAX_STOP_BITS));
        }).orElse(null);
        if ((tcp == null) == (rtu == null)) {
            throw l.error("a link needs exactly one of 'tcp' or 'rtu'");
        }
        LinkTiming timing = wrap(l, () -> new LinkTiming(l.duration("timeout", LinkTiming.DEFAULTS.timeout()),
                l.integer("retries", LinkTiming.DEFAULTS.retries(), 0, 10),
                l.duration("pauseBetweenRequests", LinkTiming.DEFAULTS.pauseBetweenRequests()),
                l.duration("delayAfterConnect", LinkTiming.DEFAULTS.delayAfterConnect())));
        List<DeviceConfig> devices = new ArrayList<>();
        for (YamlTree d : l.get("devices").list()) {
            d.only(Set.of("id", "unit", "kind", "sunspec", "map"));
            boolean sunspec = d.bool("sunspec", !d.has("map"));
            if (sunspec && d.has("map")) {
                throw d.error("say either 'sunspec: true' or 'map: NAME', not both");
            }
            if (!sunspec && !d.has("map")) {
                throw d.error("'sunspec: false' needs 'map: NAME|FILE'");
            }
            String id = id(d.get("id"));
            int unit = d.get("unit").asInt(0, 255);
            devices.add(new DeviceConfig(id, unit, d.string("kind", "inverter"), d.string("map", null)));
        }
        int max = l.integer("maxRegistersPerRequest", 125, 1, 125);
        return new LinkConfig(tcp, rtu, timing, max, devices);
    }

    private static String id(YamlTree t) {
        String s = t.text();
        if (!org.yangguang.contract.Topics.isId(s)) {
            throw t.error("'" + s + "' must match " + org.yangguang.contract.Topics.ID.pattern());
        }
        return s;
    }

    /**
     * {@code password}, or the content of {@code passwordFile} (one line; a trailing line break is not part of it),
     * so that the configuration can be readable by more people than the secret.
     */
    private static String password(YamlTree m, Path baseDir) {
        if (!m.has("passwordFile")) {
            return m.string("password", null);
        }
        YamlTree f = m.get("passwordFile");
        if (m.has("password")) {
            throw f.error("give either 'password' or 'passwordFile', not both");
        }
        Path file = baseDir.resolve(f.text());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw f.error("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        String pw = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (pw.isEmpty()) {
            throw f.error(file + " is empty");
        }
        if (pw.indexOf('\n') >= 0 || pw.indexOf('\r') >= 0) {
            throw f.error(file + " must hold the password alone, on one line");
        }
        return pw;
    }

    private static Path path(YamlTree t, String key, Path baseDir) {
        return t.opt(key).map(v -> baseDir.resolve(v.text())).orElse(null);
    }

    private interface Maker<T> {
        T make();
    }

    /** Record constructors validate too; their errors get the line of the section they came from. */
    private static <T> T wrap(YamlTree at, Maker<T> m) {
        try {
            return m.make();
        } catch (ConfigException e) {
            if (e.getMessage().startsWith(at.file() + ":")) {
                throw e;
            }
            throw at.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }
}
