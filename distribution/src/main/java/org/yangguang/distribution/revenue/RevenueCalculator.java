package org.yangguang.distribution.revenue;

import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.ShareSplit;
import org.yangguang.distribution.registry.Owners;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The money rules of gross revenue, as pure functions.
 *
 * <ol>
 *   <li><b>Gross</b>: {@code grossFen = energyKwh × tariff × 100}, computed exactly (kWh has 3 decimals, the
 *   tariff 4) and rounded once to a whole fen, half up.</li>
 *   <li><b>Split</b>: by {@link ShareSplit} over the owners' exact parts: villages by id, then the county pool (a
 *   centralized station's poverty share), then the rest (parts no registered owner holds: "undistributed").</li>
 *   <li><b>Conservation</b>: Σ village fen + county pool + undistributed = gross, checked every time.</li>
 * </ol>
 */
public final class RevenueCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RevenueCalculator() {
    }

    public static Fen gross(long energyWh, BigDecimal tariffYuanPerKwh) {
        BigDecimal kwh = BigDecimal.valueOf(energyWh, 3);
        return Fen.roundHalfUp(kwh.multiply(tariffYuanPerKwh).movePointRight(2));
    }

    /** Splits an amount among a stretch's owners. */
    public static Split split(Fen gross, Owners owners) {
        ShareSplit.Result r = ShareSplit.split(gross, owners.parts(), owners.whole());
        List<VillageRevenue> villages = new ArrayList<>();
        for (int i = 0; i < owners.villages().size(); i++) {
            Owners.Owner o = owners.villages().get(i);
            villages.add(new VillageRevenue(o.code(), o.name(), percent(o.parts(), owners.whole()), r.part(i).value()));
        }
        Fen pool = owners.poolParts() > 0 ? r.part(owners.villages().size()) : Fen.ZERO;
        Split split = new Split(villages, pool, r.rest());
        split.requireConserves(gross);
        return split;
    }

    /** A share as a percent for people: 40, 12.5, 33.333333 (never 4E+1: clients print what they receive). */
    public static BigDecimal percent(long parts, long whole) {
        BigDecimal v = BigDecimal.valueOf(parts).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 6,
                RoundingMode.HALF_EVEN).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /** The parts of a gross amount. */
    public record Split(List<VillageRevenue> villages, Fen countyPool, Fen undistributed) {
        void requireConserves(Fen gross) {
            List<Fen> all = new ArrayList<>();
            villages.forEach(v -> all.add(Fen.of(v.revenueFen())));
            all.add(countyPool);
            all.add(undistributed);
            Conservation.require(gross, all, "station revenue split");
        }
    }
}
