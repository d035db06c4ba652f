package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the loss API answers (JSON). Money is integer fen; energy whole Wh. */
public final class LossViews {
    private LossViews() {
    }

    /** A village's part of a loss (or of a rate, in the repair queue). */
    @Serdeable
    public record VillageLoss(String village, String name, long lostFen) {
    }

    /** One priced day of an episode. */
    @Serdeable
    public record DayLoss(LocalDate date, long lostWh, @Nullable String method, BigDecimal yuanPerKwh, long lostFen) {
    }

    /**
     * An episode over the days asked for: {@code lostWh}/{@code lostFen} are the sums of its {@code days} in the
     * period; {@code unconfirmedWh} and {@code unpricedBuckets} are the whole episode's (docs/lost-revenue.md:
     * "not yet confirmed" and "could not be priced", never zero). {@code villages} lists only the villages the
     * reader may see; {@code countyPoolFen} and {@code undistributedFen} are shown to county-wide readers only.
     */
    @Serdeable
    public record EpisodeLoss(String id, String station, String stationName, String device, String type,
                              @Nullable String severity, @Nullable String detail, Instant since, @Nullable Instant until,
                              String state, long lostWh, long lostFen, long unconfirmedWh, long unpricedBuckets,
                              @Nullable String method, @Nullable String note, List<VillageLoss> villages,
                              long countyPoolFen, long undistributedFen, List<DayLoss> days) {
    }

    @Serdeable
    public record StationLoss(String station, String name, long lostWh, long lostFen, List<VillageLoss> villages,
                              long countyPoolFen, long undistributedFen) {
    }

    /**
     * Losses of a period. For a county-wide reader Σ villages + countyPoolFen + undistributedFen = lostFen, to the
     * fen; a village or township reader sees only its villages' parts.
     */
    @Serdeable
    public record LossReport(String from, String to, long lostWh, long lostFen, long unconfirmedWh,
                             long unpricedBuckets, List<StationLoss> stations, List<VillageLoss> villages,
                             long countyPoolFen, long undistributedFen, List<EpisodeLoss> episodes) {
    }

    /**
     * An open fault in the repair queue, ranked by {@code fenPerDay}: its last 24 hours' loss priced at today's
     * tariff, and what that costs each village a day by today's shares.
     */
    @Serdeable
    public record RepairItem(int rank, String id, String station, String stationName, String device, String type,
                             @Nullable String severity, @Nullable String detail, Instant since, long lostWh,
                             long lostFen, long last24hWh, long fenPerDay, long unconfirmedWh, long unpricedBuckets,
                             @Nullable String note, List<VillageLoss> villagesPerDay, long countyPoolFenPerDay) {
    }

    @Serdeable
    public record RefreshReport(Instant at, int priced, int unchanged, List<String> skipped) {
    }
}
