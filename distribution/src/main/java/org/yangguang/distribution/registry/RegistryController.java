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
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.api.ApiException;

import java.util.List;

/** Stations, villages and share sets of the caller's county. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RegistryController {
    private final StationRepository stations;
    private final VillageRepository villages;
    private final TownshipRepository townships;
    private final VillageShareRepository shareRepository;
    private final ShareService shares;

    public RegistryController(StationRepository stations, VillageRepository villages, TownshipRepository townships,
                              VillageShareRepository shareRepository, ShareService shares) {
        this.stations = stations;
        this.villages = villages;
        this.townships = townships;
        this.shareRepository = shareRepository;
        this.shares = shares;
    }

    @Serdeable
    public record VillageRow(String code, String name, String township, String townshipName) {
    }

    @Get("/stations")
    public List<Station> stations(Authentication auth) {
        return stations.findByCountyIdOrderByCode(Actors.of(auth).countyId());
    }

    @Get("/stations/{code}")
    public Station station(Authentication auth, @PathVariable String code) {
        Station s = stations.findByCode(code).filter(st -> st.countyId() == Actors.of(auth).countyId())
                .orElseThrow(() -> ApiException.notFound("unknown_station", "no station with code '" + code + "'",
                        "code"));
        return s;
    }

    @Get("/stations/{code}/shares")
    public List<VillageShare> shareHistory(Authentication auth, @PathVariable String code) {
        return shareRepository.findHistory(station(auth, code).id());
    }

    @Post("/stations/{code}/shares")
    public HttpResponse<List<VillageShare>> recordShares(Authentication auth, @PathVariable String code,
                                                         @Body ShareSetRequest body) {
        return HttpResponse.created(shares.record(Actors.of(auth), code, body.effectiveFrom(), body.shares(),
                body.reason()));
    }

    /** The villages the caller may see: their own, their township's, or the county's. */
    @Get("/villages")
    public List<VillageRow> villages(Authentication auth) {
        Actor a = Actors.of(auth);
        List<VillageRow> out = new java.util.ArrayList<>();
        for (Township t : townships.findByCountyIdOrderById(a.countyId())) {
            if (a.role() == Role.TOWNSHIP_REVIEWER && !t.id().equals(a.townshipId())) {
                continue;
            }
            for (Village v : villages.findByTownshipIdOrderById(t.id())) {
                if (a.role() == Role.VILLAGE_COMMITTEE && !v.id().equals(a.villageId())) {
                    continue;
                }
                out.add(new VillageRow(v.code(), v.name(), t.code(), t.name()));
            }
        }
        return out;
    }
}
