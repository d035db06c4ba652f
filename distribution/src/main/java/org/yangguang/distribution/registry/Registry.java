package org.yangguang.distribution.registry;

import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places and stations, and who owns each station's revenue when: the registry as the rest of the service reads it.
 * No access checks here; callers check the caller's scope ({@code access.Scopes}) before they ask.
 */
@Singleton
public class Registry {
    /** Parts of a share given in percent with up to 6 decimals: 100 % = 10^8 parts. */
    public static final long PERCENT_WHOLE = 100_000_000L;

    private final CountyRepository counties;
    private final TownshipRepository townships;
    private final VillageRepository villages;
    private final StationRepository stations;
    private final ShareSetRepository sets;
    private final VillageShareRepository shares;
    private final BeanProvider<ShareGuard> guards;
    private final Clock clock;

    public Registry(CountyRepository counties, TownshipRepository townships, VillageRepository villages,
                    StationRepository stations, ShareSetRepository sets, VillageShareRepository shares,
                    BeanProvider<ShareGuard> guards, Clock clock) {
        this.guards = guards;
        this.clock = clock;
        this.counties = counties;
        this.townships = townships;
        this.villages = villages;
        this.stations = stations;
        this.sets = sets;
        this.shares = shares;
    }

    public Optional<County> county(String code) {
        return counties.findByCode(code);
    }

    public County county(long id) {
        return counties.findById(id).orElseThrow();
    }

    public Optional<Township> township(String code) {
        return townships.findByCode(code);
    }

    public Township township(long id) {
        return townships.findById(id).orElseThrow();
    }

    public List<Township> townships(long countyId) {
        return townships.findByCountyIdOrderById(countyId);
    }

    public Optional<Village> village(String code) {
        return villages.findByCode(code);
    }

    public Village village(long id) {
        return villages.findById(id).orElseThrow();
    }

    /** The village, or the API's 404 on field {@code field}. */
    public Village requireVillage(String code, String field) {
        return villages.findByCode(code).orElseThrow(() -> ApiException.notFound("unknown_village",
                "no village with code '" + code + "'", field));
    }

    public List<Village> villagesOf(long townshipId) {
        return villages.findByTownshipIdOrderById(townshipId);
    }

    /** Every village of a county, by township then id. */
    public List<Village> villagesOfCounty(long countyId) {
        List<Village> out = new ArrayList<>();
        townships.findByCountyIdOrderById(countyId).forEach(t -> out.addAll(villages.findByTownshipIdOrderById(t.id())));
        return out;
    }

    public Map<Long, Village> villages(Collection<Long> ids) {
        return villages.findByIdInOrderById(ids).stream().collect(Collectors.toMap(Village::id, Function.identity()));
    }

    /** The county a village belongs to. */
    public County countyOf(Village v) {
        return county(township(v.townshipId()).countyId());
    }

    public Optional<Station> station(String code) {
        return stations.findByCode(code);
    }

    public Station station(long id) {
        return stations.findById(id).orElseThrow();
    }

    /** The station, or the API's 404 naming the request field that carried the code. */
    public Station requireStation(String code, String field) {
        return stations.findByCode(code).orElseThrow(() -> ApiException.notFound("unknown_station",
                "no station with code '" + code + "'", field));
    }

    public List<Station> stations(long countyId) {
        return stations.findByCountyIdOrderByCode(countyId);
    }

    /** Every station of every county (for jobs that keep per-station figures current). */
    public List<Station> allStations() {
        List<Station> all = new java.util.ArrayList<>();
        stations.findAll().forEach(all::add);
        return all;
    }

    /** Stations the village has ever held a share of. */
    public List<Station> stationsOfVillage(long villageId) {
        return shares.findStationIdsOfVillage(villageId).stream().map(this::station).toList();
    }

    public List<VillageShare> shareHistory(long stationId) {
        return shares.findHistory(stationId);
    }

    public List<ShareSet> shareSets(long stationId) {
        return sets.findHistory(stationId);
    }

    /**
     * Who owns the station's revenue over [from, to] (inclusive days), one {@link Owners} per stretch with the same
     * share set: a set that takes effect inside the period splits it there. Days before the first set have no
     * village owner (their money goes to the rest).
     */
    @Transactional
    public List<Owners> ownership(Station station, LocalDate from, LocalDate to) {
        if (station.kind() == StationKind.CENTRALIZED) {
            long pool = station.povertySharePercent().movePointRight(6).setScale(0, RoundingMode.UNNECESSARY)
                    .longValueExact();
            return List.of(new Owners(from, to, PERCENT_WHOLE, List.of(), pool));
        }
        List<LocalDate> starts = new ArrayList<>();
        starts.add(from);
        starts.addAll(sets.findChangesBetween(station.id(), from, to));
        List<Owners> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            LocalDate s = starts.get(i);
            LocalDate e = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : to;
            out.add(ownersOn(station, s, e));
        }
        return out;
    }

    private Owners ownersOn(Station station, LocalDate from, LocalDate to) {
        ShareSet set = sets.findInForce(station.id(), from).orElse(null);
        if (set == null) {
            return new Owners(from, to, 1, List.of(), 0);
        }
        List<VillageShare> rows = shares.findBySetIdOrderByVillageId(set.id());
        Map<Long, Village> byId = villages(rows.stream().map(VillageShare::villageId).toList());
        List<Owners.Owner> owners = new ArrayList<>();
        for (VillageShare r : rows) {
            Village v = byId.get(r.villageId());
            owners.add(new Owners.Owner(v.id(), v.code(), v.name(), r.parts()));
        }
        return new Owners(from, to, set.wholeParts(), owners, 0);
    }

    /** The villages owning a share of the station on a date. */
    public List<Owners.Owner> ownersOn(Station station, LocalDate date) {
        return ownersOn(station, date, date).villages();
    }

    // ---------------------------------------------------------------------------------- writes (seed, shares)

    @Transactional
    public County createCounty(String code, String name) {
        return counties.save(new County(null, code, name));
    }

    @Transactional
    public Township createTownship(long countyId, String code, String name) {
        return townships.save(new Township(null, countyId, code, name));
    }

    @Transactional
    public Village createVillage(long townshipId, String code, String name) {
        return villages.save(new Village(null, townshipId, code, name));
    }

    @Transactional
    public Station createStation(Station s) {
        return stations.save(s);
    }

    /**
     * Records a station's share set from {@code effectiveFrom} (国开办发〔2017〕61号 Art. 3: joint assets are confirmed
     * to each village by proportion). Rules, each refused with the field: every share ≥ 0, a village once per set, a
     * set never above the whole (less is allowed: a partner holds the rest), a village station has exactly one
     * village, a centralized station none (its poverty share is pooled by the county). Shares are exact: integer
     * {@code parts} of {@code whole}, or percents with up to 6 decimals (parts of 10^8).
     *
     * <p>Concurrent writers of one station are serialised by a lock on its row, and (station, date, revision) is
     * unique, so two sets cannot both pass the checks. A plain set ({@code correction} false) takes effect only from
     * a date no receipt has been split for and no owner has planned ({@link ShareGuard}); correcting a period already
     * used for money is a {@code correction}: a new revision of the same date, made by settlement's reallocation,
     * which moves the money too.
     */
    @Transactional
    public List<VillageShare> recordShares(String actor, Station station, ShareSetRequest req, boolean correction) {
        String reason = req.reason() == null ? "" : req.reason().strip();
        LocalDate effectiveFrom = req.effectiveFrom();
        if (effectiveFrom == null) {
            throw ApiException.badRequest("missing_field", "effectiveFrom is required", "effectiveFrom");
        }
        if (station.kind() == StationKind.CENTRALIZED) {
            throw ApiException.badRequest("shares_not_applicable", "station " + station.code()
                    + " is centralized: its poverty share is pooled at county level, not split by village shares",
                    "shares");
        }
        List<ShareInput> lines = req.shares();
        if (lines == null || lines.isEmpty()) {
            throw ApiException.badRequest("missing_field", "a share set needs at least one village", "shares");
        }
        if (station.kind() == StationKind.VILLAGE && lines.size() != 1) {
            throw ApiException.badRequest("village_station_single_owner", "station " + station.code()
                    + " is a village station and belongs to exactly one village, got " + lines.size(), "shares");
        }
        boolean byParts = lines.stream().anyMatch(l -> l.parts() != null);
        long whole;
        if (byParts) {
            if (req.whole() == null || req.whole() <= 0 || req.whole() > 1_000_000_000_000L) {
                throw ApiException.badRequest("bad_whole", "shares given in parts need whole: a positive number of "
                        + "parts (at most 10^12), e.g. 3 for thirds", "whole");
            }
            whole = req.whole();
        } else {
            whole = PERCENT_WHOLE;
        }
        long total = 0;
        Set<String> seen = new HashSet<>();
        List<Owners.Owner> owners = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ShareInput line = lines.get(i);
            String field = "shares[" + i + "]";
            if (line.village() == null || line.village().isBlank()) {
                throw ApiException.badRequest("missing_field", "village code is required", field + ".village");
            }
            long parts = byParts ? partsOf(line, field) : percentParts(line, field);
            if (!seen.add(line.village())) {
                throw ApiException.badRequest("share_duplicate_village", "village " + line.village()
                        + " appears more than once in the share set", field + ".village");
            }
            Village village = villages.findByCode(line.village()).orElseThrow(() -> ApiException.badRequest(
                    "unknown_village", "no village with code '" + line.village() + "'", field + ".village"));
            total = Math.addExact(total, parts);
            owners.add(new Owners.Owner(village.id(), village.code(), village.name(), parts));
        }
        if (total > whole) {
            throw ApiException.badRequest("share_total_exceeds_100", "shares of station " + station.code() + " from "
                    + effectiveFrom + " add up to " + (byParts ? total + " of " + whole + " parts"
                    : BigDecimal.valueOf(total, 6).stripTrailingZeros().toPlainString() + " %, more than 100 %"),
                    "shares");
        }
        owners.sort(java.util.Comparator.comparingLong(Owners.Owner::villageId));
        Station locked = lock(station);
        int revision = nextRevision(locked, effectiveFrom);
        if (!correction) {
            if (revision > 0) {
                throw ApiException.conflict("share_set_exists", "station " + station.code() + " already has a share "
                        + "set from " + effectiveFrom + "; shares are append-only, record a new set from a later date "
                        + "(or correct that one with a reallocation)", "effectiveFrom");
            }
            Set<Long> affected = new HashSet<>();
            owners.forEach(o -> affected.add(o.villageId()));
            ownersOn(station, effectiveFrom).forEach(o -> affected.add(o.villageId()));
            List<String> blockers = new ArrayList<>();
            guards.stream().forEach(g -> blockers.addAll(g.blockers(locked, effectiveFrom, affected)));
            if (!blockers.isEmpty()) {
                throw ApiException.conflict("period_already_used", "shares of " + station.code() + " cannot change from "
                        + effectiveFrom + ": " + String.join("; ", blockers) + ". Take effect from a later period, or "
                        + "correct the past with POST /api/stations/" + station.code() + "/reallocations",
                        "effectiveFrom");
            }
        }
        ShareSet set = new ShareSet(null, station.id(), effectiveFrom, revision, whole, total,
                correction ? ShareSet.CORRECTION : ShareSet.RECORD, actor, clock.instant(),
                reason.isEmpty() ? "-" : reason);
        return store(set, owners);
    }

    private static long partsOf(ShareInput line, String field) {
        if (line.parts() == null) {
            throw ApiException.badRequest("missing_field", "every share of a set given in parts needs parts",
                    field + ".parts");
        }
        if (line.parts() < 0) {
            throw ApiException.badRequest("share_negative", "share of village " + line.village() + " is "
                    + line.parts() + " parts; shares must not be negative", field + ".parts");
        }
        return line.parts();
    }

    private static long percentParts(ShareInput line, String field) {
        if (line.percent() == null) {
            throw ApiException.badRequest("missing_field", "percent (or parts with whole) is required",
                    field + ".percent");
        }
        if (line.percent().signum() < 0) {
            throw ApiException.badRequest("share_negative", "share of village " + line.village() + " is "
                    + line.percent().toPlainString() + " %; shares must not be negative", field + ".percent");
        }
        if (line.percent().stripTrailingZeros().scale() > 6) {
            throw ApiException.badRequest("share_precision", "share of village " + line.village()
                    + " has more than 6 decimals: " + line.percent().toPlainString() + " (give exact shares as "
                    + "parts of a whole instead, e.g. 1 of 3)", field + ".percent");
        }
        return line.percent().movePointRight(6).longValueExact();
    }

    /** Locks the county's row for the rest of the transaction: e.g. payment batches of one county, one at a time. */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void lockCounty(long countyId) {
        counties.lockById(countyId).orElseThrow();
    }

    /** Locks the station row: share writes of one station run one at a time. */
    Station lock(Station s) {
        return stations.lockById(s.id()).orElseThrow();
    }

    int nextRevision(Station s, LocalDate date) {
        return sets.maxRevision(s.id(), date) + 1;
    }

    /** Stores a whole set; the caller has checked it and holds the station lock. */
    List<VillageShare> store(ShareSet set, List<Owners.Owner> owners) {
        ShareSet saved = sets.save(set);
        List<VillageShare> rows = new ArrayList<>();
        for (Owners.Owner o : owners) {
            BigDecimal percent = BigDecimal.valueOf(o.parts()).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(set.wholeParts()), 6, RoundingMode.HALF_EVEN);
            rows.add(new VillageShare(null, set.stationId(), o.villageId(), percent, set.effectiveFrom(), saved.id(),
                    o.parts()));
        }
        List<VillageShare> out = new ArrayList<>();
        shares.saveAll(rows).forEach(out::add);
        return out;
    }
}
