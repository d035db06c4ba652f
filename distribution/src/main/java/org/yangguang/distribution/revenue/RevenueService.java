package org.yangguang.distribution.revenue;

import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationKind;
import org.yangguang.distribution.registry.StationRepository;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.registry.VillageRepository;
import org.yangguang.distribution.registry.VillageShare;
import org.yangguang.distribution.registry.VillageShareRepository;
import org.yangguang.distribution.tariff.Tariff;
import org.yangguang.distribution.tariff.TariffService;
import org.yangguang.distribution.telemetry.EnergyReading;
import org.yangguang.distribution.telemetry.StationEnergy;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A station's gross revenue for a period from telemetry energy and the tariff in force, split by the share set
 * in force. A period must not span a tariff or share change: such a period is refused with the date to split at,
 * rather than priced with one of two tariffs.
 */
@Singleton
public class RevenueService {
    private final StationRepository stations;
    private final VillageShareRepository shares;
    private final VillageRepository villages;
    private final TariffService tariffs;
    private final StationEnergy energy;
    private final BusinessCalendar calendar;
    private final Scopes scopes;

    public RevenueService(StationRepository stations, VillageShareRepository shares, VillageRepository villages,
                          TariffService tariffs, StationEnergy energy, BusinessCalendar calendar, Scopes scopes) {
        this.scopes = scopes;
        this.stations = stations;
        this.shares = shares;
        this.villages = villages;
        this.tariffs = tariffs;
        this.energy = energy;
        this.calendar = calendar;
    }

    /**
     * Everyone in the station's county may read its revenue, except that a village committee member sees only
     * stations their village holds a share in, and a township reviewer only those of the township's villages.
     */
    public RevenueReport revenue(Actor actor, String stationCode, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("bad_period", "to (" + to + ") must be after from (" + from + ")", "to");
        }
        Station station = stations.requireByCode(stationCode, "stationId");
        scopes.requireCounty(actor, station.countyId());
        if (actor.is(Role.VILLAGE_COMMITTEE, Role.TOWNSHIP_REVIEWER)) {
            boolean mine = shares.findInForce(station.id(), calendar.dateOf(from)).stream()
                    .map(s -> villages.findById(s.villageId()).orElseThrow())
                    .anyMatch(v -> actor.role() == Role.VILLAGE_COMMITTEE
                            ? v.id().equals(actor.villageId()) : v.townshipId().equals(actor.townshipId()));
            if (!mine) {
                throw Scopes.forbidden(actor.username() + " has no village holding a share of " + stationCode);
            }
        }
        LocalDate first = calendar.dateOf(from);
        LocalDate last = calendar.dateOf(to.minusNanos(1));
        Tariff tariff = tariffs.inForce(station, first);
        List<LocalDate> tariffChanges = tariffs.changesBetween(station, first, last);
        if (!tariffChanges.isEmpty()) {
            throw ApiException.conflict("period_spans_tariff_change", "the tariff of station " + stationCode
                    + " changes on " + tariffChanges.get(0) + "; ask for the periods before and after it separately",
                    "to");
        }
        List<ShareLine> lines = List.of();
        if (station.kind() != StationKind.CENTRALIZED) {
            List<LocalDate> shareChanges = shares.findChangesBetween(station.id(), first, last);
            if (!shareChanges.isEmpty()) {
                throw ApiException.conflict("period_spans_share_change", "the village shares of station "
                        + stationCode + " change on " + shareChanges.get(0)
                        + "; ask for the periods before and after it separately", "to");
            }
            lines = shareLines(shares.findInForce(station.id(), first));
        }
        EnergyReading reading = energy.energy(station.code(), from, to);
        Fen gross = RevenueCalculator.gross(reading.wh(), tariff.yuanPerKwh());
        RevenueCalculator.Split split = station.kind() == StationKind.CENTRALIZED
                ? RevenueCalculator.splitToCountyPool(gross, station.povertySharePercent())
                : RevenueCalculator.splitAmongVillages(gross, lines);
        return new RevenueReport(station.code(), from.toString(), to.toString(), reading.wh(), reading.kwh(),
                tariff.yuanPerKwh(), gross.value(), split.villages(), split.countyPool().value(),
                split.undistributed().value(),
                reading.resets(), reading.swaps());
    }

    private List<ShareLine> shareLines(List<VillageShare> inForce) {
        if (inForce.isEmpty()) {
            return List.of();
        }
        Map<Long, Village> byId = villages.findByIdInOrderById(inForce.stream().map(VillageShare::villageId).toList())
                .stream().collect(Collectors.toMap(Village::id, Function.identity()));
        List<ShareLine> out = new ArrayList<>();
        for (VillageShare s : inForce) {
            Village v = byId.get(s.villageId());
            out.add(new ShareLine(v.id(), v.code(), v.name(), s.sharePercent()));
        }
        return out;
    }
}
