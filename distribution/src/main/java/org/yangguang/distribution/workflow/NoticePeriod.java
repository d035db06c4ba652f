package org.yangguang.distribution.workflow;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * How long a published plan stays on public notice (公示) before it may go to review: the policy's
 * {@code yangguang.workflow.notice-days} (7) in calendar days, from the day of publication to the same day a week
 * later. {@code yangguang.workflow.notice-duration} (an ISO-8601 duration such as {@code PT2M}) replaces it with an
 * exact length from the moment of publication; it exists only so that a demo can walk a plan from draft to payment in
 * minutes, is announced as a demo setting on every screen that shows a notice, and is never a default.
 */
@Singleton
public final class NoticePeriod {
    private static final Logger LOG = LoggerFactory.getLogger(NoticePeriod.class);

    private final int days;
    private final @Nullable Duration demoLength;
    private final BusinessCalendar calendar;

    public NoticePeriod(@Value("${yangguang.workflow.notice-days:7}") int days,
                        @Value("${yangguang.workflow.notice-duration:}") String duration, BusinessCalendar calendar) {
        if (days < 1) {
            throw new IllegalStateException("yangguang.workflow.notice-days must be at least 1");
        }
        this.days = days;
        this.calendar = calendar;
        if (duration == null || duration.isBlank()) {
            this.demoLength = null;
        } else {
            try {
                this.demoLength = Duration.parse(duration.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("yangguang.workflow.notice-duration is not an ISO-8601 duration "
                        + "(e.g. PT2M): '" + duration + "'", e);
            }
            if (demoLength.isNegative() || demoLength.isZero()) {
                throw new IllegalStateException("yangguang.workflow.notice-duration must be positive: " + duration);
            }
            LOG.warn("DEMO SETTING: public notices last {} (yangguang.workflow.notice-duration) instead of the "
                    + "policy's {} days; never use this for real plans", demoLength, days);
        }
    }

    /** True when a demo length replaces the policy's days. */
    public boolean demo() {
        return demoLength != null;
    }

    /** The notice's length: the demo's, or the policy's days. */
    public Duration length() {
        return demoLength != null ? demoLength : Duration.ofDays(days);
    }

    /** The calendar days printed as the notice's first and last day, for a notice published at {@code at}. */
    LocalDate startDate(Instant at) {
        return calendar.dateOf(at);
    }

    LocalDate endDate(Instant at) {
        return demoLength != null ? calendar.dateOf(at.plus(demoLength)) : calendar.dateOf(at).plusDays(days);
    }

    /**
     * When the notice of a plan ends: with the policy's days, at the start of its end day; with a demo length, that
     * long after publication ({@code publishedAt}, the last PUBLISH event).
     */
    public @Nullable Instant endsAt(Plan plan, @Nullable Instant publishedAt) {
        if (plan.noticeEnd() == null) {
            return null;
        }
        if (demoLength != null && publishedAt != null) {
            return publishedAt.plus(demoLength);
        }
        return plan.noticeEnd().atStartOfDay(calendar.zone()).toInstant();
    }

    /** Whether the plan's notice is still running now. */
    boolean running(Plan plan, @Nullable Instant publishedAt) {
        Instant end = endsAt(plan, publishedAt);
        return end == null || calendar.clock().instant().isBefore(end);
    }

    /** "7 days", "2 minutes": for messages. */
    String describe() {
        Duration d = length();
        if (demoLength == null) {
            return days + " days";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes (demo setting)" : d.toSeconds()
                + " seconds (demo setting)";
    }
}
