package org.yangguang.distribution.time;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The county's calendar ({@code yangguang.zone}, default Asia/Shanghai = UTC+8): effective dates of shares and
 * tariffs are local dates, and a bare date in a request means local midnight.
 */
@Singleton
public final class BusinessCalendar {
    private final ZoneId zone;
    private final Clock clock;

    public BusinessCalendar(@Value("${yangguang.zone:Asia/Shanghai}") String zone, Clock clock) {
        try {
            this.zone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalStateException("yangguang.zone is not a time zone id: " + zone, e);
        }
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public Clock clock() {
        return clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** ISO-8601 instant with offset ("2026-11-01T00:00:00+08:00", "...Z") or a local date ("2026-11-01"). */
    public Instant parseInstant(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("missing_field", field + " is required (ISO-8601)", field);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("bad_datetime", field + " is not an ISO-8601 date or date-time with offset: '"
                    + text + "'", field);
        }
    }
}
