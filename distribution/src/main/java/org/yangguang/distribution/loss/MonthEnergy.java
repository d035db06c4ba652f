package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.telemetry.EnergyUnavailableException;
import org.yangguang.distribution.telemetry.StationEnergy;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The energy a station produced in a month, the denominator's other half of availability (produced ÷ (produced +
 * lost)). It lives in InfluxDB, the losses in this database; each reading is stored in {@code station_month_energy}
 * so Grafana's availability panels (dashboards/grafana, PostgreSQL data source) show the report's figures to the Wh
 * without joining two data sources.
 */
@Singleton
public class MonthEnergy {
    private static final Logger LOG = LoggerFactory.getLogger(MonthEnergy.class);

    private final StationMonthEnergyRepository stored;
    private final StationEnergy energy;
    private final Registry registry;
    private final BusinessCalendar calendar;

    public MonthEnergy(StationMonthEnergyRepository stored, StationEnergy energy, Registry registry,
                       BusinessCalendar calendar) {
        this.stored = stored;
        this.energy = energy;
        this.registry = registry;
        this.calendar = calendar;
    }

    /** {@code producedWh} null: not read (the month has not begun, or {@code note} says why). */
    public record Produced(@Nullable Long producedWh, @Nullable String note) {
    }

    /**
     * Reads the station's energy from the month's first local midnight to the end of the month or now, whichever
     * comes first, and stores it (a failure to store is logged, never a failed report).
     */
    public Produced measure(Station s, YearMonth month) {
        LocalDate today = calendar.today();
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
        Instant start = from.atStartOfDay(calendar.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        Instant now = calendar.clock().instant();
        if (end.isAfter(now)) {
            end = now;
        }
        if (!end.isAfter(start)) {
            return new Produced(null, null);
        }
        Produced p;
        try {
            p = new Produced(energy.energy(s.code(), start, end).wh(), null);
        } catch (EnergyUnavailableException | IllegalArgumentException e) {
            p = new Produced(null, "energy unavailable: " + e.getMessage());
        }
        store(new StationMonthEnergy(null, s.id(), from, start, end, p.producedWh(), clip(p.note()), now));
        return p;
    }

    /**
     * Keeps Grafana current: this month of every station, and the last month until it has been read to its end.
     */
    public void measureRecent() {
        YearMonth thisMonth = YearMonth.from(calendar.today());
        YearMonth last = thisMonth.minusMonths(1);
        Instant lastEnd = thisMonth.atDay(1).atStartOfDay(calendar.zone()).toInstant();
        for (Station s : registry.allStations()) {
            measure(s, thisMonth);
            boolean lastComplete = stored.findByStationIdAndMonthStart(s.id(), last.atDay(1))
                    .map(r -> !r.periodTo().isBefore(lastEnd)).orElse(false);
            if (!lastComplete) {
                measure(s, last);
            }
        }
    }

    private void store(StationMonthEnergy row) {
        try {
            var old = stored.findByStationIdAndMonthStart(row.stationId(), row.monthStart());
            if (old.isPresent()) {
                stored.update(row.withId(old.get().id()));
            } else {
                stored.save(row);
            }
        } catch (DataAccessException e) {
            // two writers at once (a report and the refresh): the other one's reading is as good as this one
            LOG.warn("station {} month {}: produced energy not stored: {}", row.stationId(), row.monthStart(), e.getMessage());
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 499) + "…";
    }
}
