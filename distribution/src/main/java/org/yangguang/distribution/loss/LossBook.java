package org.yangguang.distribution.loss;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.revenue.RevenueCalculator;
import org.yangguang.distribution.tariff.Tariff;
import org.yangguang.distribution.tariff.TariffService;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The lost-revenue book: the one place that stores priced losses and answers every question about them (per
 * station, device, village and period; the repair queue; a village's faults). Other packages ask this facade,
 * never the tables. Pricing rules: {@link LossPricing}.
 */
@Singleton
public class LossBook {
    private final LossEpisodeRepository episodes;
    private final LossDayRepository days;
    private final LossShareRepository shares;
    private final Registry registry;
    private final TariffService tariffs;
    private final Scopes scopes;
    private final BusinessCalendar calendar;

    public LossBook(LossEpisodeRepository episodes, LossDayRepository days, LossShareRepository shares,
                    Registry registry, TariffService tariffs, Scopes scopes, BusinessCalendar calendar) {
        this.episodes = episodes;
        this.days = days;
        this.shares = shares;
        this.registry = registry;
        this.tariffs = tariffs;
        this.scopes = scopes;
        this.calendar = calendar;
    }

    /** What {@link #store} did with an episode. */
    public enum Stored { PRICED, FINAL_UNCHANGED }

    /** Whether the episode is stored as final (closed or expired): it is then never priced again. */
    public boolean isFinal(String episodeKey) {
        return episodes.findByEpisodeKey(episodeKey).map(LossEpisode::isFinal).orElse(false);
    }

    /** Keys of the episodes stored as open: each refresh brings them up to date, or to their close. */
    public List<ReportedKey> storedOpen() {
        return episodes.findByStateOrderBySinceAt(LossEpisode.OPEN).stream()
                .map(e -> new ReportedKey(e.episodeKey(), registry.station(e.stationId()).code(), e.device(), e.kind(),
                        calendar.dateOf(e.sinceAt())))
                .toList();
    }

    public record ReportedKey(String key, String station, String device, String type, LocalDate sinceDay) {
    }

    /**
     * Prices an episode as reported (each day at the tariff and shares in force that day) and replaces what was
     * stored of it, in one transaction. A station the registry does not know, or a day without a tariff, refuses
     * the episode (400/409, the reason named) and leaves the stored one as it was.
     */
    @Transactional
    public Stored store(ReportedEpisode r, Instant now) {
        Station station = registry.station(r.station()).orElseThrow(() -> ApiException.notFound("unknown_station",
                "episode " + r.id() + ": station '" + r.station() + "' is not in the registry", "station"));
        Optional<LossEpisode> old = episodes.findByEpisodeKey(r.id());
        if (old.isPresent() && old.get().isFinal()) {
            return Stored.FINAL_UNCHANGED;
        }
        List<LossPricing.PricedDay> priced = new ArrayList<>();
        Fen total = Fen.ZERO;
        long wh = 0;
        for (ReportedEpisode.Day d : r.days()) {
            Tariff tariff = tariffs.inForce(station, d.date());
            Owners owners = registry.ownership(station, d.date(), d.date()).get(0);
            LossPricing.PricedDay p = LossPricing.price(d.date(), d.lostWh(), d.method(), tariff.yuanPerKwh(), owners);
            priced.add(p);
            total = total.plus(p.fen());
            wh = Math.addExact(wh, d.lostWh());
        }
        LossEpisode row = new LossEpisode(null, r.id(), station.id(), r.device(), r.type(), r.severity(),
                clip(r.detail()), Instant.ofEpochMilli(r.since()), r.until() == null ? null : Instant.ofEpochMilli(r.until()),
                r.state(), wh, r.unconfirmedWh(), r.unpricedBuckets(), r.method(), clip(r.note()),
                r.lastDayLostWh(), total.value(), now);
        LossEpisode saved;
        if (old.isPresent()) {
            shares.deleteOfEpisode(old.get().id());
            days.deleteOfEpisode(old.get().id());
            saved = episodes.update(row.withId(old.get().id()));
        } else {
            saved = episodes.save(row);
        }
        for (LossPricing.PricedDay p : priced) {
            LossDay day = days.save(new LossDay(null, saved.id(), p.day(), p.lostWh(), p.method(), p.yuanPerKwh(),
                    p.fen().value()));
            for (LossPricing.Part part : p.parts()) {
                shares.save(new LossShare(null, day.id(), saved.id(), p.day(), part.party(), part.villageId(),
                        part.parts(), part.whole(), part.fen().value()));
            }
        }
        return Stored.PRICED;
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 499) + "…";
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** A query's filters; null means any. */
    public record Filter(String station, String device, String type, String village) {
        public static final Filter ALL = new Filter(null, null, null, null);
    }

    /**
     * Losses of the local days {@code from}..{@code to} (inclusive) the actor may see: county-wide roles their
     * county; a village committee only episodes that cost its village (and only its village's part); a township
     * reviewer its villages'. Asking for a village out of scope is a 403 naming no data.
     */
    @Transactional
    public LossViews.LossReport report(Actor actor, LocalDate from, LocalDate to, Filter f) {
        if (to.isBefore(from)) {
            throw ApiException.badRequest("bad_period", "to (" + to + ") must not be before from (" + from + ")", "to");
        }
        if (from.plusYears(3).isBefore(to)) {
            throw ApiException.badRequest("bad_period", "a period is at most 3 years", "to");
        }
        Long villageFilter = null;
        if (f.village() != null) {
            Village v = registry.requireVillage(f.village(), "village");
            scopes.requireVillage(actor, v);
            villageFilter = v.id();
        }
        Station stationFilter = null;
        if (f.station() != null) {
            stationFilter = registry.requireStation(f.station(), "station");
            scopes.requireCounty(actor, stationFilter.countyId());
        }
        boolean restricted = actor.is(Role.VILLAGE_COMMITTEE, Role.TOWNSHIP_REVIEWER);
        Map<Long, Village> villageCache = new HashMap<>();
        Map<Long, Boolean> reach = new HashMap<>();
        final Long vf = villageFilter;
        Predicate<Long> visibleVillage = id -> (vf == null || vf.equals(id))
                && (!restricted || reach.computeIfAbsent(id, k -> scopes.mayReach(actor, village(villageCache, k))));

        Map<Long, List<LossDay>> daysOf = new HashMap<>();
        for (LossDay d : days.findBetween(from, to)) {
            daysOf.computeIfAbsent(d.episodeId(), k -> new ArrayList<>()).add(d);
        }
        Map<Long, List<LossShare>> sharesOf = new HashMap<>();
        for (LossShare s : shares.findBetween(from, to)) {
            sharesOf.computeIfAbsent(s.dayId(), k -> new ArrayList<>()).add(s);
        }
        Map<Long, Station> stations = new HashMap<>();
        List<LossViews.EpisodeLoss> out = new ArrayList<>();
        Map<String, long[]> byStation = new TreeMap<>();
        Map<String, Map<Long, Long>> stationVillages = new HashMap<>();
        Map<Long, Long> byVillage = new LinkedHashMap<>();
        long pool = 0;
        long rest = 0;
        for (LossEpisode e : episodes.findTouching(from, to)) {
            Station st = stations.computeIfAbsent(e.stationId(), registry::station);
            if (st.countyId() != actor.countyId()
                    || (stationFilter != null && !stationFilter.id().equals(st.id()))
                    || (f.device() != null && !f.device().equals(e.device()))
                    || (f.type() != null && !f.type().equals(e.kind()))) {
                continue;
            }
            List<LossViews.DayLoss> dayViews = new ArrayList<>();
            Map<Long, Long> villages = new TreeMap<>();
            long wh = 0;
            long fen = 0;
            long epPool = 0;
            long epRest = 0;
            boolean visible = !restricted && vf == null;
            for (LossDay d : daysOf.getOrDefault(e.id(), List.of())) {
                dayViews.add(new LossViews.DayLoss(d.lossDate(), d.lostWh(), d.method(), d.yuanPerKwh(), d.lostFen()));
                wh += d.lostWh();
                fen += d.lostFen();
                for (LossShare s : sharesOf.getOrDefault(d.id(), List.of())) {
                    switch (s.party()) {
                        case VILLAGE -> {
                            if (visibleVillage.test(s.villageId())) {
                                villages.merge(s.villageId(), s.lostFen(), Long::sum);
                                visible = true;
                            }
                        }
                        case POOL -> epPool += s.lostFen();
                        case REST -> epRest += s.lostFen();
                    }
                }
            }
            if (!visible) {
                continue;
            }
            if (restricted || vf != null) {
                epPool = 0;
                epRest = 0;
            }
            List<LossViews.VillageLoss> vl = villages.entrySet().stream().map(x -> {
                Village v = village(villageCache, x.getKey());
                return new LossViews.VillageLoss(v.code(), v.name(), x.getValue());
            }).toList();
            out.add(new LossViews.EpisodeLoss(e.episodeKey(), st.code(), st.name(), e.device(), e.kind(), e.severity(),
                    e.detail(), e.sinceAt(), e.untilAt(), e.state(), wh, fen, e.unconfirmedWh(), e.unpricedBuckets(),
                    e.method(), e.note(), vl, epPool, epRest, dayViews));
            long[] s = byStation.computeIfAbsent(st.code(), k -> new long[4]);
            s[0] += wh;
            s[1] += fen;
            s[2] += epPool;
            s[3] += epRest;
            Map<Long, Long> sv = stationVillages.computeIfAbsent(st.code(), k -> new TreeMap<>());
            villages.forEach((k, v) -> {
                sv.merge(k, v, Long::sum);
                byVillage.merge(k, v, Long::sum);
            });
            pool += epPool;
            rest += epRest;
        }
        Map<String, Station> byCode = new HashMap<>();
        stations.values().forEach(s -> byCode.put(s.code(), s));
        List<LossViews.StationLoss> stationViews = new ArrayList<>();
        long wh = 0;
        long fen = 0;
        for (Map.Entry<String, long[]> s : byStation.entrySet()) {
            long[] v = s.getValue();
            stationViews.add(new LossViews.StationLoss(s.getKey(), byCode.get(s.getKey()).name(), v[0], v[1],
                    villageViews(villageCache, stationVillages.get(s.getKey())), v[2], v[3]));
            wh += v[0];
            fen += v[1];
        }
        long unconfirmed = out.stream().mapToLong(LossViews.EpisodeLoss::unconfirmedWh).sum();
        long unpriced = out.stream().mapToLong(LossViews.EpisodeLoss::unpricedBuckets).sum();
        return new LossViews.LossReport(from.toString(), to.toString(), wh, fen, unconfirmed, unpriced, stationViews,
                villageViews(villageCache, byVillage), pool, rest, out);
    }

    private List<LossViews.VillageLoss> villageViews(Map<Long, Village> cache, Map<Long, Long> fen) {
        return fen.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(x -> {
            Village v = village(cache, x.getKey());
            return new LossViews.VillageLoss(v.code(), v.name(), x.getValue());
        }).toList();
    }

    private Village village(Map<Long, Village> cache, long id) {
        return cache.computeIfAbsent(id, registry::village);
    }

    /**
     * The repair queue: open faults of the actor's county, ranked by yuan lost per day (the last 24 hours' loss at
     * today's tariff), then by what they cost so far; each with what it costs each village a day by today's shares.
     */
    @Transactional
    public List<LossViews.RepairItem> repairQueue(Actor actor) {
        scopes.requireRole(actor, Role.OPERATOR, Role.ADMIN, Role.AUDITOR, Role.COUNTY_APPROVER);
        LocalDate today = calendar.today();
        Map<Long, Village> cache = new HashMap<>();
        record Ranked(LossEpisode e, Station st, long fenPerDay, List<LossPricing.Part> parts) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (LossEpisode e : episodes.findByStateOrderBySinceAt(LossEpisode.OPEN)) {
            Station st = registry.station(e.stationId());
            if (st.countyId() != actor.countyId()) {
                continue;
            }
            long rate = e.last24hWh() == null ? 0 : e.last24hWh();
            Fen perDay = RevenueCalculator.gross(rate, tariffs.inForce(st, today).yuanPerKwh());
            ranked.add(new Ranked(e, st, perDay.value(),
                    LossPricing.split(perDay, registry.ownership(st, today, today).get(0))));
        }
        ranked.sort(Comparator.comparingLong((Ranked r) -> -r.fenPerDay()).thenComparingLong(r -> -r.e().lostFen())
                .thenComparing(r -> r.e().episodeKey()));
        List<LossViews.RepairItem> out = new ArrayList<>();
        int rank = 1;
        for (Ranked r : ranked) {
            LossEpisode e = r.e();
            List<LossViews.VillageLoss> villages = new ArrayList<>();
            long pool = 0;
            for (LossPricing.Part p : r.parts()) {
                if (p.party() == LossShare.Party.VILLAGE) {
                    Village v = village(cache, p.villageId());
                    villages.add(new LossViews.VillageLoss(v.code(), v.name(), p.fen().value()));
                } else if (p.party() == LossShare.Party.POOL) {
                    pool += p.fen().value();
                }
            }
            out.add(new LossViews.RepairItem(rank++, e.episodeKey(), r.st().code(), r.st().name(), e.device(), e.kind(),
                    e.severity(), e.detail(), e.sinceAt(), e.lostWh(), e.lostFen(),
                    e.last24hWh() == null ? 0 : e.last24hWh(), r.fenPerDay(), e.unconfirmedWh(), e.unpricedBuckets(),
                    e.note(), villages, pool));
        }
        return out;
    }
}
