package org.yangguang.distribution.registry;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records a station's village shares as an effective-dated set. Rules (国开办发〔2017〕61号 Art. 3: joint
 * assets are confirmed to each village by proportion; policy-notes §6 "joint_shares"): every share is
 * non-negative, a set never allocates more than 100 % (less is allowed, e.g. when a partner holds the rest),
 * a village appears once per set, a village station has exactly one village, and a centralized station has
 * no village shares (its poverty share goes to the county pool). History is append-only.
 */
@Singleton
public class ShareService {
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_SCALE = 6;

    private final StationRepository stations;
    private final VillageRepository villages;
    private final VillageShareRepository shares;
    private final Scopes scopes;
    private final Audit audit;

    public ShareService(StationRepository stations, VillageRepository villages, VillageShareRepository shares,
                        Scopes scopes, Audit audit) {
        this.stations = stations;
        this.villages = villages;
        this.shares = shares;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Transactional
    public List<VillageShare> record(Actor actor, String stationCode, LocalDate effectiveFrom, List<ShareInput> lines,
                                     String reason) {
        scopes.requireRole(actor, Role.ADMIN);
        String why = Audit.requireReason(reason);
        Station station = stations.requireByCode(stationCode, "station");
        scopes.requireCounty(actor, station.countyId());
        if (effectiveFrom == null) {
            throw ApiException.badRequest("missing_field", "effectiveFrom is required", "effectiveFrom");
        }
        if (station.kind() == StationKind.CENTRALIZED) {
            throw ApiException.badRequest("shares_not_applicable", "station " + stationCode
                    + " is centralized: its poverty share is pooled at county level, not split by village shares",
                    "shares");
        }
        if (lines == null || lines.isEmpty()) {
            throw ApiException.badRequest("missing_field", "a share set needs at least one village", "shares");
        }
        if (station.kind() == StationKind.VILLAGE && lines.size() != 1) {
            throw ApiException.badRequest("village_station_single_owner", "station " + stationCode
                    + " is a village station and belongs to exactly one village, got " + lines.size(), "shares");
        }
        BigDecimal total = BigDecimal.ZERO;
        Set<String> seen = new HashSet<>();
        List<VillageShare> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ShareInput line = lines.get(i);
            String field = "shares[" + i + "]";
            if (line.village() == null || line.village().isBlank()) {
                throw ApiException.badRequest("missing_field", "village code is required", field + ".village");
            }
            if (line.percent() == null) {
                throw ApiException.badRequest("missing_field", "percent is required", field + ".percent");
            }
            if (line.percent().signum() < 0) {
                throw ApiException.badRequest("share_negative", "share of village " + line.village() + " is "
                        + line.percent().toPlainString() + " %; shares must not be negative", field + ".percent");
            }
            if (line.percent().stripTrailingZeros().scale() > MAX_SCALE) {
                throw ApiException.badRequest("share_precision", "share of village " + line.village()
                        + " has more than " + MAX_SCALE + " decimals: " + line.percent().toPlainString(),
                        field + ".percent");
            }
            if (!seen.add(line.village())) {
                throw ApiException.badRequest("share_duplicate_village", "village " + line.village()
                        + " appears more than once in the share set", field + ".village");
            }
            Village village = villages.findByCode(line.village()).orElseThrow(() -> ApiException.badRequest(
                    "unknown_village", "no village with code '" + line.village() + "'", field + ".village"));
            total = total.add(line.percent());
            rows.add(new VillageShare(null, station.id(), village.id(), line.percent(), effectiveFrom));
        }
        if (total.compareTo(HUNDRED) > 0) {
            throw ApiException.badRequest("share_total_exceeds_100", "shares of station " + stationCode + " from "
                    + effectiveFrom + " add up to " + total.stripTrailingZeros().toPlainString()
                    + " %, more than 100 %", "shares");
        }
        if (shares.existsByStationIdAndEffectiveFrom(station.id(), effectiveFrom)) {
            throw ApiException.conflict("share_set_exists", "station " + stationCode + " already has a share set "
                    + "from " + effectiveFrom + "; shares are append-only, record a new set from a later date",
                    "effectiveFrom");
        }
        List<VillageShare> saved = new ArrayList<>(shares.saveAll(rows));
        StringBuilder detail = new StringBuilder("from " + effectiveFrom + ":");
        for (ShareInput line : lines) {
            detail.append(' ').append(line.village()).append('=').append(line.percent().toPlainString()).append('%');
        }
        audit.record(actor, "shares.record", "station", stationCode, why, detail.toString());
        return saved;
    }
}
