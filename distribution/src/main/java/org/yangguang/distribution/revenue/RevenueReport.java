package org.yangguang.distribution.revenue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.loss.LossViews;
import org.yangguang.distribution.telemetry.EnergyReading;

import java.math.BigDecimal;
import java.util.List;

/**
 * A station's revenue for a period and its split. Invariant (checked when built):
 * Σ villages[].revenueFen + countyPoolFen + undistributedFen = grossFen. {@code counterResets} names each inverter
 * whose energy counter went backwards in the period without a recorded swap (reset): its energy is the sum of the
 * counter's increases, the step back counted as 0. {@code inverterSwaps} names each inverter replaced in the
 * period: each unit's energy is counted from its own counter, the step between the two counters is not. A period
 * cut by a share or tariff change lists its {@code parts} (empty otherwise); {@code tariffYuanPerKwh} is then null
 * if the tariff changed, and each village's {@code share} is the one at the start of the period.
 *
 * <p><b>Lost beside earned</b> (issue 15): {@code lostWh} and {@code lostFen} are what the station's alarm episodes
 * cost on the local days of the period (the loss book's priced days, docs/lost-revenue.md), {@code lostVillages}
 * each village's part of it (only the villages the reader may see) and {@code lostCountyPoolFen} the county pool's.
 */
@Serdeable
public record RevenueReport(String station,
                            String from,
                            String to,
                            long energyWh,
                            BigDecimal energyKwh,
                            @Nullable BigDecimal tariffYuanPerKwh,
                            long grossFen,
                            List<VillageRevenue> villages,
                            long countyPoolFen,
                            long undistributedFen,
                            List<EnergyReading.CounterReset> counterResets,
                            List<EnergyReading.InverterSwap> inverterSwaps,
                            List<Part> parts,
                            long lostWh,
                            long lostFen,
                            List<LossViews.VillageLoss> lostVillages,
                            long lostCountyPoolFen) {

    /** One stretch of the period with one share set and one tariff. */
    @Serdeable
    public record Part(String from, String to, long energyWh, BigDecimal tariffYuanPerKwh, long grossFen,
                       List<VillageRevenue> villages) {
    }
}
