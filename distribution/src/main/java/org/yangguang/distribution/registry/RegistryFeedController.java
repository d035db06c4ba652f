package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;

import java.math.BigDecimal;
import java.util.List;

/**
 * The registry of record for programs and the people who keep it (issue 16): the collector reads the county's
 * stations and devices ({@code GET /api/registry}), {@code gateway config} one station, {@code gateway scan
 * --register} reports what it found ({@code POST .../scans}, PENDING) and an operator confirms it. Readers are the
 * county-wide roles and the service roles; what a service role may reach is limited further by
 * {@code access.ServiceRoleRule}.
 */
@Controller("/api/registry")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RegistryFeedController {
    static final Role[] READERS = {Role.ADMIN, Role.OPERATOR, Role.AUDITOR, Role.COLLECTOR, Role.INSTALLER};
    static final Role[] KEEPERS = {Role.ADMIN, Role.OPERATOR};

    private final Registry registry;
    private final Devices devices;
    private final Scopes scopes;
    private final Audit audit;

    public RegistryFeedController(Registry registry, Devices devices, Scopes scopes, Audit audit) {
        this.registry = registry;
        this.devices = devices;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Serdeable
    public record SiteRequest(@Nullable BigDecimal latitude, @Nullable BigDecimal longitude, @Nullable String reason) {
    }

    @Serdeable
    public record GatewayRequest(@Nullable String code, @Nullable String brokerUser, @Nullable String reason) {
    }

    @Serdeable
    public record NewStation(@Nullable String code, @Nullable String name, @Nullable StationKind kind,
                             @Nullable BigDecimal capacityKwp, @Nullable java.time.LocalDate gridDate,
                             @Nullable String tariffBatch, @Nullable String resourceZone,
                             @Nullable BigDecimal povertySharePercent, @Nullable BigDecimal latitude,
                             @Nullable BigDecimal longitude, @Nullable String reason) {
    }

    /**
     * A station of the caller's county (admin): its telemetry code, capacity, grid date and tariff batch, and where it
     * stands. Its owners are a share set recorded afterwards ({@code POST /api/stations/{code}/shares}).
     */
    @Post("/stations")
    @Transactional
    public HttpResponse<RegistryFeed.FeedStation> createStation(Authentication auth, @Body NewStation body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, Role.ADMIN);
        String why = Audit.requireReason(body.reason());
        Devices.requireId(body.code(), "code");
        if (registry.station(body.code()).isPresent()) {
            throw ApiException.conflict("station_exists", "a station with code '" + body.code() + "' exists", "code");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 128) {
            throw ApiException.badRequest("missing_field", "name is required (at most 128 characters)", "name");
        }
        if (body.kind() == null) {
            throw ApiException.badRequest("missing_field", "kind is VILLAGE, JOINT or CENTRALIZED", "kind");
        }
        if (body.capacityKwp() == null || body.capacityKwp().signum() <= 0) {
            throw ApiException.badRequest("bad_capacity", "capacityKwp must be positive", "capacityKwp");
        }
        if (body.gridDate() == null) {
            throw ApiException.badRequest("missing_field", "gridDate (grid connection) is required", "gridDate");
        }
        if (body.tariffBatch() == null || body.tariffBatch().isBlank() || body.tariffBatch().length() > 64) {
            throw ApiException.badRequest("missing_field", "tariffBatch is required", "tariffBatch");
        }
        if (body.resourceZone() == null || !body.resourceZone().matches("I{1,3}|IV")) {
            throw ApiException.badRequest("bad_resource_zone", "resourceZone is I, II, III or IV", "resourceZone");
        }
        BigDecimal poverty = body.povertySharePercent() == null ? BigDecimal.valueOf(100) : body.povertySharePercent();
        if (poverty.signum() < 0 || poverty.compareTo(BigDecimal.valueOf(100)) > 0 || poverty.stripTrailingZeros().scale() > 6) {
            throw ApiException.badRequest("bad_poverty_share", "povertySharePercent is 0..100 with at most 6 decimals",
                    "povertySharePercent");
        }
        if ((body.latitude() == null) != (body.longitude() == null)) {
            throw ApiException.badRequest("bad_site", "give latitude and longitude together", "latitude");
        }
        Station s = registry.createStation(new Station(null, body.code(), body.name().strip(), body.kind(), a.countyId(),
                body.capacityKwp(), body.gridDate(), body.tariffBatch().strip(), body.resourceZone(), poverty));
        if (body.latitude() != null) {
            devices.place(s, body.latitude(), body.longitude());
        }
        audit.record(a, "station.create", "station", s.code(), why, s.kind() + " " + s.capacityKwp().toPlainString()
                + " kWp, grid " + s.gridDate() + ", " + s.tariffBatch() + "/" + s.resourceZone());
        return HttpResponse.created(devices.feedStation(s));
    }

    /** The caller's county: every station, its position, gateways and ACTIVE devices. */
    @Get
    @Transactional
    public RegistryFeed feed(Authentication auth) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, READERS);
        County county = registry.county(a.countyId());
        return devices.feed(county, registry.stations(county.id()));
    }

    @Get("/stations/{code}")
    @Transactional
    public RegistryFeed.FeedStation station(Authentication auth, @PathVariable String code) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, READERS);
        return devices.feedStation(stationOf(a, code));
    }

    /** Every device of the station, PENDING and RETIRED included: what the operator confirms from. */
    @Get("/stations/{code}/devices")
    @Transactional
    public List<Device> devices(Authentication auth, @PathVariable String code) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, Role.ADMIN, Role.OPERATOR, Role.AUDITOR);
        return devices.devices(stationOf(a, code));
    }

    @Post("/stations/{code}/scans")
    @Transactional
    public HttpResponse<List<ScanOutcome>> scan(Authentication auth, @PathVariable String code,
                                                @Body ScanReport body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, Role.ADMIN, Role.OPERATOR, Role.INSTALLER);
        Station station = stationOf(a, code);
        List<ScanOutcome> out = devices.report(a.username(), station, body);
        long fresh = out.stream().filter(o -> o.outcome().equals("NEW")).count();
        audit.record(a, "devices.scan", "station", code, "gateway scan --register", out.size() + " units reported, "
                + fresh + " new pending device(s): " + out.stream().map(o -> o.device() + "@" + o.unit() + " "
                + o.outcome()).toList());
        return HttpResponse.ok(out);
    }

    @Post("/stations/{code}/devices/{device}/confirm")
    @Transactional
    public Device confirm(Authentication auth, @PathVariable String code, @PathVariable String device,
                          @Body DeviceConfirmation body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, KEEPERS);
        String why = Audit.requireReason(body.reason());
        Device d = devices.confirm(a.username(), stationOf(a, code), device, body);
        audit.record(a, "device.confirm", "device", code + "/" + d.code(), why, "unit " + d.unitId()
                + (d.serial() == null ? "" : ", serial " + d.serial())
                + (d.capacityKwp() == null ? "" : ", " + d.capacityKwp().toPlainString() + " kWp"));
        return d;
    }

    @Post("/stations/{code}/devices/{device}/retire")
    @Transactional
    public Device retire(Authentication auth, @PathVariable String code, @PathVariable String device,
                         @Body DeviceConfirmation body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, KEEPERS);
        String why = Audit.requireReason(body.reason());
        Device d = devices.retire(stationOf(a, code), device);
        audit.record(a, "device.retire", "device", code + "/" + device, why, "unit " + d.unitId());
        return d;
    }

    /** A device known from the station's documents, ACTIVE at once (admin). */
    @Post("/stations/{code}/devices")
    @Transactional
    public HttpResponse<Device> declare(Authentication auth, @PathVariable String code,
                                        @Body DeviceDeclaration body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, Role.ADMIN);
        String why = Audit.requireReason(body.reason());
        Device d = devices.declare(a.username(), stationOf(a, code), body);
        audit.record(a, "device.declare", "device", code + "/" + d.code(), why, d.kind() + " unit " + d.unitId());
        return HttpResponse.created(d);
    }

    @Put("/stations/{code}/site")
    @Transactional
    public StationSite place(Authentication auth, @PathVariable String code, @Body SiteRequest body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, Role.ADMIN);
        String why = Audit.requireReason(body.reason());
        StationSite s = devices.place(stationOf(a, code), body.latitude(), body.longitude());
        audit.record(a, "station.place", "station", code, why, s.latitude().toPlainString() + ","
                + s.longitude().toPlainString());
        return s;
    }

    @Post("/stations/{code}/gateways")
    @Transactional
    public HttpResponse<StationGateway> addGateway(Authentication auth, @PathVariable String code,
                                                   @Body GatewayRequest body) {
        Actor a = Actors.of(auth);
        scopes.requireRole(a, Role.ADMIN);
        String why = Audit.requireReason(body.reason());
        StationGateway g = devices.addGateway(stationOf(a, code), body.code(), body.brokerUser());
        audit.record(a, "gateway.register", "station", code, why, g.code() + " (broker user " + g.brokerUser() + ")");
        return HttpResponse.created(g);
    }

    /** The station, if it is in the caller's county; otherwise the same 404 as a code that does not exist. */
    private Station stationOf(Actor a, String code) {
        return registry.station(code).filter(s -> s.countyId() == a.countyId()).orElseThrow(() ->
                ApiException.notFound("unknown_station", "no station with code '" + code + "'", "code"));
    }
}
