package org.yangguang.distribution.revenue;

import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.LargestRemainder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The money rules of gross revenue, as pure functions.
 *
 * <ol>
 *   <li><b>Gross</b>: {@code grossFen = energyKwh × tariff × 100}, computed exactly (kWh has 3 decimals, the
 *   tariff 4) and rounded once to a whole fen, half up.</li>
 *   <li><b>Split</b>: the gross is split by largest remainder among the villages in proportion to their share
 *   percent, plus an "undistributed" party holding 100 % − Σ shares (shares below 100 % leave the rest with
 *   the station's other parties). Tie-break: larger remainder first; equal remainders go to the lower village
 *   id first; the undistributed party comes last.</li>
 *   <li>A centralized station has no village shares: its poverty share percent goes to the county pool
 *   and the rest is undistributed, by the same method.</li>
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

    /** Splits among villages (any order given; sorted here by village id), the rest undistributed. */
    public static Split splitAmongVillages(Fen gross, List<ShareLine> shares) {
        List<ShareLine> ordered = new ArrayList<>(shares);
        ordered.sort(Comparator.comparingLong(ShareLine::villageId));
        BigDecimal total = BigDecimal.ZERO;
        List<BigDecimal> weights = new ArrayList<>();
        for (ShareLine s : ordered) {
            if (s.percent().signum() < 0) {
                throw new IllegalArgumentException("share of village " + s.village() + " is negative");
            }
            total = total.add(s.percent());
            weights.add(s.percent());
        }
        if (total.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("shares add up to " + total.toPlainString() + " %, more than 100 %");
        }
        weights.add(HUNDRED.subtract(total));
        List<Fen> parts = LargestRemainder.split(gross, weights);
        List<VillageRevenue> villages = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ShareLine s = ordered.get(i);
            villages.add(new VillageRevenue(s.village(), s.name(), plain(s.percent()), parts.get(i).value()));
        }
        Fen undistributed = parts.get(parts.size() - 1);
        Split split = new Split(villages, Fen.ZERO, undistributed);
        split.requireConserves(gross);
        return split;
    }

    /** A centralized station: the poverty share goes to the county pool, the rest is undistributed. */
    public static Split splitToCountyPool(Fen gross, BigDecimal povertySharePercent) {
        List<Fen> parts = LargestRemainder.split(gross, List.of(povertySharePercent,
                HUNDRED.subtract(povertySharePercent)));
        Split split = new Split(List.of(), parts.get(0), parts.get(1));
        split.requireConserves(gross);
        return split;
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

    /** 40.00 → 40 and 12.50 → 12.5, but never 4E+1: clients print what they receive. */
    static BigDecimal plain(BigDecimal percent) {
        BigDecimal v = percent.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
