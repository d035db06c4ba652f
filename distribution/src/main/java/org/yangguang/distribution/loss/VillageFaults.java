package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.revenue.RevenueReport;
import org.yangguang.distribution.revenue.RevenueService;
import org.yangguang.distribution.revenue.VillageRevenue;
import org.yangguang.distribution.telemetry.EnergyUnavailableException;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A village committee's question: this month's income, and what faults cost it, fault by fault (issue 15 item 3).
 * Earned is the village's part of each station's revenue (the revenue report's own figures); lost is the village's
 * part of each priced episode-day (the loss book's own figures).
 */
@Singleton
public class VillageFaults {
    private final LossBook book;
    private final RevenueService revenue;
    private final Registry registry;
    private final Scopes scopes;
    private final BusinessCalendar calendar;

    public VillageFaults(LossBook book, RevenueService revenue, Registry registry, Scopes scopes,
                         BusinessCalendar calendar) {
        this.book = book;
        this.revenue = revenue;
        this.registry = registry;
        this.scopes = scopes;
        this.calendar = calendar;
    }

    /** One fault as the committee sees it: what it was, since when, and what it cost the village. */
    @Serdeable
    public record Fault(String id, String station, String stationName, String device, String type,
                        @Nullable String detail, Instant since, @Nullable Instant until, String state,
                        long stationLostWh, long villageLostFen, long unconfirmedWh, long unpricedBuckets,
                        @Nullable String note) {
    }

    /**
     * {@code earnedFen} is null when the stations' energy could not be read ({@code earnedNote} says why), never
     * zero. Faults are listed by what they cost the village, most first.
     */
    @Serdeable
    public record Report(String village, String name, String month, String from, String to, @Nullable Long earnedFen,
                         @Nullable String earnedNote, long lostFen, List<Fault> faults) {
    }

    public static YearMonth month(@Nullable String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return YearMonth.from(today);
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_month", "month '" + text + "' must be YYYY-MM", "month");
        }
    }

    public Report of(Actor actor, String villageCode, @Nullable String monthText) {
        Village village = registry.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        LocalDate today = calendar.today();
        YearMonth month = month(monthText, today);
        LocalDate from = month.atDay(1);
        if (from.isAfter(today)) {
            throw ApiException.badRequest("bad_month", "month " + month + " has not begun", "month");
        }
        LocalDate to = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
        LossViews.LossReport lost = book.report(actor, from, to, new LossBook.Filter(null, null, null, village.code()));
        List<Fault> faults = new ArrayList<>();
        long lostFen = 0;
        for (LossViews.EpisodeLoss e : lost.episodes()) {
            long mine = e.villages().stream().filter(v -> v.village().equals(village.code()))
                    .mapToLong(LossViews.VillageLoss::lostFen).sum();
            lostFen += mine;
            faults.add(new Fault(e.id(), e.station(), e.stationName(), e.device(), e.type(), e.detail(), e.since(),
                    e.until(), e.state(), e.lostWh(), mine, e.unconfirmedWh(), e.unpricedBuckets(), e.note()));
        }
        faults.sort(java.util.Comparator.comparingLong((Fault f) -> -f.villageLostFen()).thenComparing(Fault::since));
        Long earned = 0L;
        String note = null;
        Instant start = from.atStartOfDay(calendar.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        Instant now = calendar.clock().instant();
        if (end.isAfter(now)) {
            end = now;
        }
        if (end.isAfter(start)) {
            for (Station s : registry.stationsOfVillage(village.id())) {
                try {
                    RevenueReport r = revenue.revenue(actor, s.code(), start, end);
                    earned += r.villages().stream().filter(v -> v.village().equals(village.code()))
                            .mapToLong(VillageRevenue::revenueFen).sum();
                } catch (EnergyUnavailableException e) {
                    earned = null;
                    note = "energy of " + s.code() + " unavailable: " + e.getMessage();
                    break;
                } catch (ApiException e) {
                    // a station the village held a share of only outside this month: nothing earned from it here
                    if (!"forbidden".equals(e.code())) {
                        throw e;
                    }
                }
            }
        }
        return new Report(village.code(), village.name(), month.toString(), from.toString(), to.toString(), earned,
                note, lostFen, faults);
    }
}
