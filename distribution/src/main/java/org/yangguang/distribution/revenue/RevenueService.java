package org.yangguang.distribution.revenue;

import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.loss.LossBook;
import org.yangguang.distribution.loss.LossViews;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.tariff.Tariff;
import org.yangguang.distribution.tariff.TariffService;
import org.yangguang.distribution.telemetry.EnergyReading;
import org.yangguang.distribution.telemetry.StationEnergy;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A station's gross revenue for a period from telemetry energy and the tariffs in force, split by the shares in
 * force. A period across a share or tariff change is cut there (issue 12 §4: a change inside a month splits it,
 * never blocks it): each part's metered energy is priced at its tariff (rounded half up per part) and split by its
 * shares; the report adds the parts up and lists them.
 */
@Singleton
public class RevenueService {
    private final Registry registry;
    private final TariffService tariffs;
    private final StationEnergy energy;
    private final BusinessCalendar calendar;
    private final Scopes scopes;
    private final LossBook losses;

    public RevenueService(Registry registry, TariffService tariffs, StationEnergy energy, BusinessCalendar calendar,
                          Scopes scopes, LossBook losses) {
        this.scopes = scopes;
        this.losses = losses;
        this.registry = registry;
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
        Station station = registry.requireStation(stationCode, "stationId");
        scopes.requireCounty(actor, station.countyId());
        LocalDate first = calendar.dateOf(from);
        LocalDate last = calendar.dateOf(to.minusNanos(1));
        List<Owners> stretches = registry.ownership(station, first, last);
        if (actor.is(Role.VILLAGE_COMMITTEE, Role.TOWNSHIP_REVIEWER)) {
            boolean mine = stretches.stream().flatMap(o -> o.villages().stream())
                    .map(o -> registry.village(o.villageId()))
                    .anyMatch(v -> actor.role() == Role.VILLAGE_COMMITTEE
                            ? v.id().equals(actor.villageId()) : v.townshipId().equals(actor.townshipId()));
            if (!mine) {
                throw Scopes.forbidden(actor.username() + " has no village holding a share of " + stationCode);
            }
        }
        TreeSet<LocalDate> cuts = new TreeSet<>();
        stretches.forEach(o -> cuts.add(o.from()));
        cuts.addAll(tariffs.changesBetween(station, first, last));
        List<RevenueReport.Part> parts = new ArrayList<>();
        Map<String, VillageRevenue> villages = new LinkedHashMap<>();
        long wh = 0;
        Fen gross = Fen.ZERO;
        Fen pool = Fen.ZERO;
        Fen undistributed = Fen.ZERO;
        List<EnergyReading.CounterReset> resets = new ArrayList<>();
        List<EnergyReading.InverterSwap> swaps = new ArrayList<>();
        List<LocalDate> starts = new ArrayList<>(cuts);
        for (int i = 0; i < starts.size(); i++) {
            LocalDate day = starts.get(i);
            Instant partFrom = i == 0 ? from : day.atStartOfDay(calendar.zone()).toInstant();
            Instant partTo = i + 1 < starts.size() ? starts.get(i + 1).atStartOfDay(calendar.zone()).toInstant() : to;
            Tariff tariff = tariffs.inForce(station, day);
            Owners owners = registry.ownership(station, day, day).get(0);
            EnergyReading reading = energy.energy(station.code(), partFrom, partTo);
            Fen partGross = RevenueCalculator.gross(reading.wh(), tariff.yuanPerKwh());
            RevenueCalculator.Split split = RevenueCalculator.split(partGross, owners);
            for (VillageRevenue v : split.villages()) {
                villages.merge(v.village(), v, (a, b) -> new VillageRevenue(a.village(), a.name(), a.share(),
                        Math.addExact(a.revenueFen(), b.revenueFen())));
            }
            wh = Math.addExact(wh, reading.wh());
            gross = gross.plus(partGross);
            pool = pool.plus(split.countyPool());
            undistributed = undistributed.plus(split.undistributed());
            resets.addAll(reading.resets());
            swaps.addAll(reading.swaps());
            parts.add(new RevenueReport.Part(partFrom.toString(), partTo.toString(), reading.wh(), tariff.yuanPerKwh(),
                    partGross.value(), split.villages()));
        }
        // lost beside earned: the same local days, from the loss book (priced per episode-day, never re-priced here)
        LossViews.LossReport lost = losses.report(actor, first, last,
                new LossBook.Filter(station.code(), null, null, null));
        return new RevenueReport(station.code(), from.toString(), to.toString(), wh,
                java.math.BigDecimal.valueOf(wh, 3), parts.size() == 1 ? parts.get(0).tariffYuanPerKwh()
                : parts.stream().map(RevenueReport.Part::tariffYuanPerKwh).distinct().count() == 1
                ? parts.get(0).tariffYuanPerKwh() : null,
                gross.value(), List.copyOf(villages.values()), pool.value(), undistributed.value(), resets, swaps,
                parts.size() == 1 ? List.of() : parts, lost.lostWh(), lost.lostFen(), lost.villages(),
                lost.countyPoolFen());
    }
}
