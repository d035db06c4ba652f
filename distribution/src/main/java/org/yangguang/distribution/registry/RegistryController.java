package org.yangguang.distribution.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

import java.util.List;

/** Stations, villages and share sets of the caller's county. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RegistryController {
    private final Registry registry;
    private final Scopes scopes;
    private final Audit audit;

    public RegistryController(Registry registry, Scopes scopes, Audit audit) {
        this.registry = registry;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Serdeable
    public record VillageRow(String code, String name, String township, String townshipName) {
    }

    @Get("/stations")
    public List<Station> stations(Authentication auth) {
        return registry.stations(Actors.of(auth).countyId());
    }

    @Get("/stations/{code}")
    public Station station(Authentication auth, @PathVariable String code) {
        return registry.station(code).filter(st -> st.countyId() == Actors.of(auth).countyId())
                .orElseThrow(() -> ApiException.notFound("unknown_station", "no station with code '" + code + "'",
                        "code"));
    }

    @Get("/stations/{code}/shares")
    public List<VillageShare> shareHistory(Authentication auth, @PathVariable String code) {
        return registry.shareHistory(station(auth, code).id());
    }

    /** A new share set (admin): exact parts or percents, effective only from a period not yet used for money. */
    @Post("/stations/{code}/shares")
    @Transactional
    public HttpResponse<List<VillageShare>> recordShares(Authentication auth, @PathVariable String code,
                                                         @Body ShareSetRequest body) {
        Actor actor = Actors.of(auth);
        scopes.requireRole(actor, Role.ADMIN);
        String why = Audit.requireReason(body.reason());
        Station station = registry.requireStation(code, "station");
        scopes.requireCounty(actor, station.countyId());
        List<VillageShare> saved = registry.recordShares(actor.username(), station, body, false);
        audit.record(actor, "shares.record", "station", code, why, describe(body));
        return HttpResponse.created(saved);
    }

    /** "from 2027-01-01: lin-a=1/3 lin-b=2/3" for the audit trail. */
    public static String describe(ShareSetRequest req) {
        StringBuilder detail = new StringBuilder("from " + req.effectiveFrom() + ":");
        for (ShareInput line : req.shares()) {
            detail.append(' ').append(line.village()).append('=').append(line.parts() != null
                    ? line.parts() + "/" + req.whole() : line.percent().toPlainString() + "%");
        }
        return detail.toString();
    }

    /**
     * The stations a village has ever held a share of: what its revenue page asks about, so that it never asks for
     * a station it has no share in (and gets refused).
     */
    @Get("/villages/{village}/stations")
    public List<Station> stationsOfVillage(Authentication auth, @PathVariable String village) {
        Village v = registry.requireVillage(village, "village");
        scopes.requireVillage(Actors.of(auth), v);
        return registry.stationsOfVillage(v.id());
    }

    /** The villages the caller may see: their own, their township's, or the county's. */
    @Get("/villages")
    public List<VillageRow> villages(Authentication auth) {
        Actor a = Actors.of(auth);
        List<VillageRow> out = new java.util.ArrayList<>();
        for (Township t : registry.townships(a.countyId())) {
            if (a.role() == Role.TOWNSHIP_REVIEWER && !t.id().equals(a.townshipId())) {
                continue;
            }
            for (Village v : registry.villagesOf(t.id())) {
                if (a.role() == Role.VILLAGE_COMMITTEE && !v.id().equals(a.villageId())) {
                    continue;
                }
                out.add(new VillageRow(v.code(), v.name(), t.code(), t.name()));
            }
        }
        return out;
    }
}
