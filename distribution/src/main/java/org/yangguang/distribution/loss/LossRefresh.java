package org.yangguang.distribution.loss;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings the lost-revenue book up to date from the collector, every {@code yangguang.losses.refresh-interval}
 * (default 5 minutes, as the collector's rollups) and on demand ({@code POST /api/losses/refresh}):
 * <ul>
 *   <li>the episodes open now, with every day since they began: re-priced each time (live);</li>
 *   <li>the episodes of the last {@code yangguang.losses.lookback-days} days (default 45, so a month that closed
 *   is complete): priced once they are closed, then never again (final). One that began before the window is
 *   read again from its first day, so an episode is always priced whole;</li>
 *   <li>an episode stored open that is neither open now nor in the window (it closed long ago while this service
 *   was down) is read from its first day too.</li>
 * </ul>
 * One bad episode (unknown station, no tariff, a malformed row) is skipped with its reason, counted in the report
 * and logged; the rest go on. A collector that cannot be reached fails the refresh (503), nothing is changed.
 */
@Singleton
public class LossRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(LossRefresh.class);

    private final CollectorLosses collector;
    private final LossBook book;
    private final BusinessCalendar calendar;
    private final MonthEnergy monthEnergy;
    private final int lookbackDays;
    private final boolean scheduled;
    // one refresh at a time in this process; across processes the episode key is unique and a refresh is idempotent
    private final ReentrantLock lock = new ReentrantLock();

    public LossRefresh(CollectorLosses collector, LossBook book, BusinessCalendar calendar, MonthEnergy monthEnergy,
                       @Value("${yangguang.losses.lookback-days:45}") int lookbackDays,
                       @Value("${yangguang.losses.scheduled:true}") boolean scheduled) {
        if (lookbackDays < 1 || lookbackDays > 1000) {
            throw new IllegalStateException("yangguang.losses.lookback-days must be 1..1000, was " + lookbackDays);
        }
        this.collector = collector;
        this.book = book;
        this.calendar = calendar;
        this.monthEnergy = monthEnergy;
        this.lookbackDays = lookbackDays;
        this.scheduled = scheduled;
    }

    @Scheduled(fixedDelay = "${yangguang.losses.refresh-interval:5m}", initialDelay = "${yangguang.losses.initial-delay:1m}")
    void onSchedule() {
        if (!scheduled) {
            return;
        }
        try {
            LossViews.RefreshReport r = refresh();
            LOG.info("lost revenue refreshed: {} priced, {} final and unchanged, {} skipped", r.priced(), r.unchanged(),
                    r.skipped().size());
        } catch (ApiException e) {
            LOG.warn("lost revenue not refreshed: {}", e.getMessage());
        }
    }

    public LossViews.RefreshReport refresh() {
        lock.lock();
        try {
            return refreshLocked();
        } finally {
            lock.unlock();
        }
    }

    private LossViews.RefreshReport refreshLocked() {
        Instant now = calendar.clock().instant();
        LocalDate today = calendar.today();
        LocalDate from = today.minusDays(lookbackDays);
        Map<String, ReportedEpisode> todo = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        CollectorLosses.Answer open = collector.open();
        skipped.addAll(open.rejected());
        for (ReportedEpisode e : open.episodes()) {
            todo.put(e.id(), e);
        }
        CollectorLosses.Answer recent = collector.period(from, today, null, null, null);
        skipped.addAll(recent.rejected());
        for (ReportedEpisode e : recent.episodes()) {
            if (todo.containsKey(e.id()) || book.isFinal(e.id())) {
                todo.putIfAbsent(e.id(), e);
                continue;
            }
            LocalDate first = calendar.dateOf(Instant.ofEpochMilli(e.since()));
            todo.put(e.id(), first.isBefore(from) ? whole(e.id(), e.station(), e.device(), e.type(), first, today, e) : e);
        }
        for (LossBook.ReportedKey k : book.storedOpen()) {
            if (!todo.containsKey(k.key())) {
                ReportedEpisode e = whole(k.key(), k.station(), k.device(), k.type(), k.sinceDay(), today, null);
                if (e != null) {
                    todo.put(k.key(), e);
                }
            }
        }
        skipped.forEach(why -> LOG.warn("lost revenue: episode skipped: {}", why));
        int priced = 0;
        int unchanged = 0;
        for (ReportedEpisode e : todo.values()) {
            try {
                if (book.store(e, now) == LossBook.Stored.PRICED) {
                    priced++;
                } else {
                    unchanged++;
                }
            } catch (ApiException | IllegalArgumentException | ArithmeticException ex) {
                String why = e.id() + ": " + ex.getMessage();
                LOG.warn("lost revenue: episode skipped: {}", why);
                skipped.add(why);
            }
        }
        // the produced energy beside the losses, for Grafana's availability panels (MonthEnergy)
        try {
            monthEnergy.measureRecent();
        } catch (RuntimeException ex) {
            // the losses are stored; a failed energy reading only leaves Grafana's availability one refresh behind
            LOG.warn("lost revenue: produced energy not measured: {}", ex.toString());
        }
        return new LossViews.RefreshReport(now, priced, unchanged, List.copyOf(skipped));
    }

    /** The episode read again from its first day; {@code fallback} if the collector no longer reports it. */
    private ReportedEpisode whole(String id, String station, String device, String type, LocalDate first, LocalDate today,
                                 ReportedEpisode fallback) {
        for (ReportedEpisode e : collector.period(first, today, station, device, type).episodes()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return fallback;
    }
}
