package org.yangguang.distribution.registry;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.contract.Topics;
import org.yangguang.distribution.api.ApiException;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The station half of the registry of record: where each station stands, the gateways serving it and its devices.
 * Devices arrive two ways — an admin declares a known one (ACTIVE at once), or a scan at the station reports what
 * answered (PENDING) and an operator confirms it — and leave as RETIRED. No access checks here; the controller checks
 * role and county first.
 */
@Singleton
public class Devices {
    static final Set<String> KINDS = Set.of("inverter", "meter");
    static final Set<String> PARITIES = Set.of("none", "even", "odd");
    private static final int MAX_TEXT = 64;

    private final DeviceRepository devices;
    private final StationSiteRepository sites;
    private final StationGatewayRepository gateways;
    private final Clock clock;

    public Devices(DeviceRepository devices, StationSiteRepository sites, StationGatewayRepository gateways,
                   Clock clock) {
        this.devices = devices;
        this.sites = sites;
        this.gateways = gateways;
        this.clock = clock;
    }

    public Optional<StationSite> site(Station station) {
        return sites.findById(station.id());
    }

    /** Places (or moves) a station; degrees WGS-84, refused outside the globe. */
    @Transactional
    public StationSite place(Station station, BigDecimal latitude, BigDecimal longitude) {
        if (latitude == null || latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
            throw ApiException.badRequest("bad_latitude", "latitude must be -90..90 degrees", "latitude");
        }
        if (longitude == null || longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
            throw ApiException.badRequest("bad_longitude", "longitude must be -180..180 degrees", "longitude");
        }
        StationSite s = new StationSite(station.id(), latitude.setScale(6, java.math.RoundingMode.HALF_EVEN),
                longitude.setScale(6, java.math.RoundingMode.HALF_EVEN));
        return sites.existsById(station.id()) ? sites.update(s) : sites.save(s);
    }

    public List<StationGateway> gateways(Station station) {
        return gateways.findByStationIdOrderByCode(station.id());
    }

    @Transactional
    public StationGateway addGateway(Station station, String code, String brokerUser) {
        requireId(code, "code");
        String user = brokerUser == null || brokerUser.isBlank() ? code : brokerUser;
        requireId(user, "brokerUser");
        if (gateways.findByCode(code).isPresent()) {
            throw ApiException.conflict("gateway_exists", "gateway " + code + " is registered already (a gateway "
                    + "serves one station)", "code");
        }
        return gateways.save(new StationGateway(null, station.id(), code, user));
    }

    public List<Device> devices(Station station) {
        return devices.findByStationIdOrderByCode(station.id());
    }

    public List<Device> active(Station station) {
        return devices.findByStationIdAndStateOrderByCode(station.id(), DeviceState.ACTIVE);
    }

    /** A device known from the station's documents, ACTIVE at once. */
    @Transactional
    public Device declare(String actor, Station station, DeviceDeclaration d) {
        requireId(d.code(), "code");
        if (devices.findByStationIdAndCode(station.id(), d.code()).isPresent()) {
            throw ApiException.conflict("device_exists", "station " + station.code() + " already has a device "
                    + d.code(), "code");
        }
        if (d.capacityKwp() != null && d.capacityKwp().signum() <= 0) {
            throw ApiException.badRequest("bad_capacity", "capacityKwp must be positive", "capacityKwp");
        }
        DeviceLink link = requireLink(d.link(), "link");
        String gw = gateway(station, d.gateway(), "gateway");
        Device saved = devices.save(new Device(null, station.id(), d.code(), kind(d.kind(), "kind"),
                DeviceState.ACTIVE, d.capacityKwp(), text(d.make(), "make"), text(d.model(), "model"),
                text(d.serial(), "serial"), text(d.firmware(), "firmware"), gw, link.host(), link.port(),
                link.serialPort(), link.baud(), link.parity(), link.stopBits(), unit(d.unit(), "unit"),
                map(d.registerMap(), "registerMap"), actor, clock.instant(), actor, clock.instant()));
        return saved;
    }

    /**
     * Records what a scan found on one link. A unit already registered at that place is not duplicated: a pending one
     * takes the fresh nameplate, a confirmed one is left as the operator confirmed it (a different serial there is an
     * inverter swap, which the telemetry records; the outcome says so). Anything else becomes a PENDING device named
     * {@code inv-NN} or {@code meter-NN}, the next number free at the station.
     */
    @Transactional
    public List<ScanOutcome> report(String actor, Station station, ScanReport report) {
        DeviceLink link = requireLink(report.link(), "link");
        String gw = gateway(station, report.gateway(), "gateway");
        if (report.found() == null || report.found().isEmpty()) {
            throw ApiException.badRequest("missing_field", "a scan report lists what was found", "found");
        }
        List<Device> existing = new ArrayList<>(devices.findByStationIdOrderByCode(station.id()));
        Set<String> codes = new HashSet<>();
        existing.forEach(d -> codes.add(d.code()));
        List<ScanOutcome> out = new ArrayList<>();
        Set<Integer> units = new HashSet<>();
        for (int i = 0; i < report.found().size(); i++) {
            ScanReport.Found f = report.found().get(i);
            String field = "found[" + i + "]";
            int unit = unit(f.unit(), field + ".unit");
            if (!units.add(unit)) {
                throw ApiException.badRequest("duplicate_unit", "unit " + unit + " is listed twice", field + ".unit");
            }
            String kind = kind(f.kind(), field + ".kind");
            Device candidate = new Device(null, station.id(), "?", kind, DeviceState.PENDING, null,
                    text(f.make(), field + ".make"), text(f.model(), field + ".model"),
                    text(f.serial(), field + ".serial"), text(f.firmware(), field + ".firmware"), gw, link.host(),
                    link.port(), link.serialPort(), link.baud(), link.parity(), link.stopBits(), unit,
                    map(f.registerMap(), field + ".registerMap"), actor, clock.instant(), null, null);
            Optional<Device> there = existing.stream().filter(d -> d.state() != DeviceState.RETIRED
                    && d.samePlace(candidate)).findFirst();
            if (there.isPresent() && there.get().state() == DeviceState.ACTIVE) {
                Device known = there.get();
                boolean differs = candidate.serial() != null && known.serial() != null
                        && !candidate.serial().equals(known.serial());
                out.add(new ScanOutcome(unit, known.code(), known.state(), "KNOWN", differs));
            } else if (there.isPresent()) {
                Device pending = there.get();
                Device refreshed = devices.update(new Device(pending.id(), station.id(), pending.code(), kind,
                        DeviceState.PENDING, pending.capacityKwp(), candidate.make(), candidate.model(),
                        candidate.serial(), candidate.firmware(), gw, link.host(), link.port(), link.serialPort(),
                        link.baud(), link.parity(), link.stopBits(), unit, candidate.registerMap(), actor,
                        clock.instant(), null, null));
                out.add(new ScanOutcome(unit, refreshed.code(), refreshed.state(), "UPDATED", false));
            } else {
                String code = nextCode(codes, kind);
                codes.add(code);
                Device saved = devices.save(new Device(null, station.id(), code, kind, DeviceState.PENDING, null,
                        candidate.make(), candidate.model(), candidate.serial(), candidate.firmware(), gw,
                        link.host(), link.port(), link.serialPort(), link.baud(), link.parity(), link.stopBits(),
                        unit, candidate.registerMap(), actor, clock.instant(), null, null));
                existing.add(saved);
                out.add(new ScanOutcome(unit, saved.code(), saved.state(), "NEW", false));
            }
        }
        return out;
    }

    /** An operator confirms a pending device: from now on the collector and station.yaml use it. */
    @Transactional
    public Device confirm(String actor, Station station, String code, DeviceConfirmation c) {
        Device d = devices.findByStationIdAndCode(station.id(), code).orElseThrow(() -> ApiException.notFound(
                "unknown_device", "station " + station.code() + " has no device " + code, "device"));
        if (d.state() != DeviceState.PENDING) {
            throw ApiException.conflict("device_not_pending", "device " + station.code() + "/" + code + " is "
                    + d.state() + "; only a PENDING device is confirmed", "device");
        }
        if (c.capacityKwp() != null && c.capacityKwp().signum() <= 0) {
            throw ApiException.badRequest("bad_capacity", "capacityKwp must be positive", "capacityKwp");
        }
        String newCode = null;
        if (c.code() != null && !c.code().equals(code)) {
            requireId(c.code(), "code");
            if (devices.findByStationIdAndCode(station.id(), c.code()).isPresent()) {
                throw ApiException.conflict("device_exists", "station " + station.code() + " already has a device "
                        + c.code(), "code");
            }
            newCode = c.code();
        }
        return devices.update(d.confirmed(actor, clock.instant(), c.capacityKwp(), newCode));
    }

    /** Takes a device out of service; its code stays taken so old telemetry keeps its meaning. */
    @Transactional
    public Device retire(Station station, String code) {
        Device d = devices.findByStationIdAndCode(station.id(), code).orElseThrow(() -> ApiException.notFound(
                "unknown_device", "station " + station.code() + " has no device " + code, "device"));
        return devices.update(d.withState(DeviceState.RETIRED));
    }

    private static String nextCode(Set<String> taken, String kind) {
        String prefix = kind.equals("meter") ? "meter-" : "inv-";
        for (int n = 1; ; n++) {
            String c = prefix + String.format("%02d", n);
            if (!taken.contains(c)) {
                return c;
            }
        }
    }

    private String gateway(Station station, String code, String field) {
        if (code == null || code.isBlank()) {
            return null;
        }
        StationGateway g = gateways.findByCode(code).orElseThrow(() -> ApiException.badRequest("unknown_gateway",
                "no gateway " + code + " is registered", field));
        if (!g.stationId().equals(station.id())) {
            throw ApiException.badRequest("gateway_of_other_station", "gateway " + code + " serves another station",
                    field);
        }
        return code;
    }

    static DeviceLink requireLink(DeviceLink l, String field) {
        if (l == null || (l.host() == null) == (l.serialPort() == null)) {
            throw ApiException.badRequest("bad_link", "a link is Modbus TCP (host, port) or RTU (serialPort), "
                    + "exactly one of them", field);
        }
        if (l.host() != null) {
            if (l.host().isBlank() || l.host().length() > 253 || !l.host().matches("[A-Za-z0-9.:_-]+")) {
                throw ApiException.badRequest("bad_link", "host must be a host name or address", field + ".host");
            }
            int port = l.port() == null ? 502 : l.port();
            if (port < 1 || port > 65535) {
                throw ApiException.badRequest("bad_link", "port must be 1..65535", field + ".port");
            }
            return new DeviceLink(l.host(), port, null, null, null, null);
        }
        if (!l.serialPort().matches("/dev/[A-Za-z0-9._/-]{1,120}")) {
            throw ApiException.badRequest("bad_link", "serialPort must be a device path such as /dev/ttyUSB0",
                    field + ".serialPort");
        }
        if (l.baud() != null && (l.baud() < 1200 || l.baud() > 115200)) {
            throw ApiException.badRequest("bad_link", "baud must be 1200..115200", field + ".baud");
        }
        if (l.parity() != null && !PARITIES.contains(l.parity())) {
            throw ApiException.badRequest("bad_link", "parity must be none, even or odd", field + ".parity");
        }
        if (l.stopBits() != null && l.stopBits() != 1 && l.stopBits() != 2) {
            throw ApiException.badRequest("bad_link", "stopBits must be 1 or 2", field + ".stopBits");
        }
        return new DeviceLink(null, null, l.serialPort(), l.baud(), l.parity(), l.stopBits());
    }

    private static String kind(String kind, String field) {
        if (kind == null || !KINDS.contains(kind)) {
            throw ApiException.badRequest("bad_kind", "kind must be inverter or meter", field);
        }
        return kind;
    }

    private static int unit(Integer unit, String field) {
        if (unit == null || unit < 0 || unit > 255) {
            throw ApiException.badRequest("bad_unit", "unit id must be 0..255", field);
        }
        return unit;
    }

    private static String map(String name, String field) {
        if (name != null && !Topics.isId(name)) {
            throw ApiException.badRequest("bad_register_map", "registerMap must be a map name such as "
                    + "huawei-sun2000", field);
        }
        return name;
    }

    /** A nameplate text: printable, at most 64 characters (SunSpec's longest is 32), blank means unread. */
    private static String text(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (t.length() > MAX_TEXT || t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badRequest("bad_nameplate", "at most " + MAX_TEXT + " printable characters", field);
        }
        return t;
    }

    static void requireId(String code, String field) {
        if (code == null || !Topics.isId(code)) {
            throw ApiException.badRequest("bad_code", "'" + code + "' is not an id (" + Topics.ID.pattern() + ")",
                    field);
        }
    }

    /** The feed of a county: every station, its gateways and ACTIVE devices. */
    public RegistryFeed feed(County county, List<Station> stations) {
        List<RegistryFeed.FeedStation> out = new ArrayList<>();
        for (Station s : stations) {
            out.add(feedStation(s));
        }
        return new RegistryFeed(county.code(), out);
    }

    public RegistryFeed.FeedStation feedStation(Station s) {
        Optional<StationSite> site = site(s);
        return new RegistryFeed.FeedStation(s.code(), s.name(), s.kind(), s.capacityKwp(),
                site.map(StationSite::latitude).orElse(null), site.map(StationSite::longitude).orElse(null),
                s.tariffBatch(), s.gridDate(),
                gateways(s).stream().map(g -> new RegistryFeed.FeedGateway(g.code(), g.brokerUser())).toList(),
                active(s).stream().map(RegistryFeed.FeedDevice::of).toList());
    }
}
