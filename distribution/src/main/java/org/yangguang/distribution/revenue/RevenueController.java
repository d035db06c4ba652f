package org.yangguang.distribution.revenue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.time.BusinessCalendar;

/** {@code GET /api/stations/{stationId}/revenue?from=&to=}: gross revenue of a period and its village split. */
@Controller("/api/stations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RevenueController {
    private final RevenueService revenue;
    private final BusinessCalendar calendar;

    public RevenueController(RevenueService revenue, BusinessCalendar calendar) {
        this.revenue = revenue;
        this.calendar = calendar;
    }

    @Get("/{stationId}/revenue")
    public RevenueReport revenue(Authentication auth, @PathVariable String stationId,
                                 @QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        return revenue.revenue(Actors.of(auth), stationId, calendar.parseInstant(from, "from"), calendar.parseInstant(to, "to"));
    }
}
