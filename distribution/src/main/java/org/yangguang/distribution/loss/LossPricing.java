package org.yangguang.distribution.loss;

import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.ShareSplit;
import org.yangguang.distribution.registry.Owners;
import org.yangguang.distribution.revenue.RevenueCalculator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The money rules of lost revenue, as pure functions: the same rules as earned revenue, applied to what a fault
 * cost instead of what the station made.
 *
 * <ol>
 *   <li>The unit priced is one <b>episode-day</b>: the energy an alarm episode lost on one local day, × the tariff
 *   in force that day ({@link RevenueCalculator#gross}: exact, rounded once half up). Days, not the episode, because
 *   tariffs and shares are effective-dated: an episode across a tariff or share change is priced on each side by
 *   the rule of that side.</li>
 *   <li>The day's fen are split by the shares in force that day through the one split ({@link ShareSplit}: floor of
 *   each exact quota, the leftover fen to the largest remainders, ties to the party listed first — villages by id,
 *   then the county pool of a centralized station, then the rest no registered village holds).</li>
 *   <li>Every other figure (an episode, a station, a village, a month, the county) is a <b>sum</b> of stored
 *   priced days and their parts, so every view adds up to the fen and agrees with every other.</li>
 * </ol>
 */
public final class LossPricing {
    private LossPricing() {
    }

    /** One party's part of a priced day. {@code villageId} is null for the pool and the rest. */
    public record Part(LossShare.Party party, Long villageId, long parts, long whole, Fen fen) {
    }

    /** One episode-day priced and split. */
    public record PricedDay(LocalDate day, long lostWh, String method, BigDecimal yuanPerKwh, Fen fen, List<Part> parts) {
    }

    public static PricedDay price(LocalDate day, long lostWh, String method, BigDecimal yuanPerKwh, Owners owners) {
        if (lostWh < 0) {
            throw new IllegalArgumentException("lost energy of " + day + " is negative (" + lostWh + " Wh)");
        }
        Fen fen = RevenueCalculator.gross(lostWh, yuanPerKwh);
        return new PricedDay(day, lostWh, method, yuanPerKwh, fen, split(fen, owners));
    }

    /** Splits a day's fen among the owners in force that day; Σ parts = fen, checked. */
    public static List<Part> split(Fen fen, Owners owners) {
        ShareSplit.Result r = ShareSplit.split(fen, owners.parts(), owners.whole());
        List<Part> parts = new ArrayList<>();
        int i = 0;
        for (Owners.Owner o : owners.villages()) {
            parts.add(new Part(LossShare.Party.VILLAGE, o.villageId(), o.parts(), owners.whole(), r.part(i++)));
        }
        if (owners.poolParts() > 0) {
            parts.add(new Part(LossShare.Party.POOL, null, owners.poolParts(), owners.whole(), r.part(i)));
        }
        long held = owners.parts().stream().mapToLong(Long::longValue).sum();
        if (held < owners.whole()) {
            parts.add(new Part(LossShare.Party.REST, null, owners.whole() - held, owners.whole(), r.rest()));
        }
        Conservation.require(fen, parts.stream().map(Part::fen).toList(), "lost revenue split of " + fen);
        return List.copyOf(parts);
    }
}
