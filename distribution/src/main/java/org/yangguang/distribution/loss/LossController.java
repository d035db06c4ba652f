package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What each fault costs, in yuan (issue 15): the priced losses per station, device, village and period; the repair
 * queue; a village's faults this month; the county's monthly availability report (JSON, PDF, XLSX); and a refresh
 * from the collector. Every route checks role and scope in the service it calls.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LossController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final LossBook book;
    private final LossRefresh refresh;
    private final VillageFaults villages;
    private final AvailabilityReport availability;
    private final Scopes scopes;
    private final BusinessCalendar calendar;

    public LossController(LossBook book, LossRefresh refresh, VillageFaults villages, AvailabilityReport availability,
                          Scopes scopes, BusinessCalendar calendar) {
        this.book = book;
        this.refresh = refresh;
        this.villages = villages;
        this.availability = availability;
        this.scopes = scopes;
        this.calendar = calendar;
    }

    /** Local days from..to inclusive (default: this month to today). */
    @Get("/losses")
    public LossViews.LossReport losses(Authentication auth, @QueryValue @Nullable String from,
                                       @QueryValue @Nullable String to, @QueryValue @Nullable String station,
                                       @QueryValue @Nullable String device, @QueryValue @Nullable String type,
                                       @QueryValue @Nullable String village) {
        LocalDate last = date(to, calendar.today(), "to");
        LocalDate first = date(from, last.withDayOfMonth(1), "from");
        return book.report(Actors.of(auth), first, last, new LossBook.Filter(blank(station), blank(device), blank(type),
                blank(village)));
    }

    @Get("/losses/repair-queue")
    public List<LossViews.RepairItem> repairQueue(Authentication auth) {
        return book.repairQueue(Actors.of(auth));
    }

    @Post("/losses/refresh")
    public LossViews.RefreshReport refresh(Authentication auth) {
        Actor actor = Actors.of(auth);
        scopes.requireRole(actor, Role.OPERATOR, Role.ADMIN);
        return refresh.refresh();
    }

    @Get("/villages/{village}/losses")
    public VillageFaults.Report village(Authentication auth, @PathVariable String village,
                                        @QueryValue @Nullable String month) {
        return villages.of(Actors.of(auth), village, month);
    }

    @Get("/reports/availability")
    public AvailabilityReport.Report availability(Authentication auth, @QueryValue @Nullable String month) {
        return availability.of(Actors.of(auth), month);
    }

    @Get("/reports/availability.pdf")
    @Produces("application/pdf")
    public HttpResponse<byte[]> availabilityPdf(Authentication auth, @QueryValue @Nullable String month) {
        AvailabilityReport.Report r = availability.of(Actors.of(auth), month);
        return HttpResponse.ok(availability.pdf(r)).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=availability-" + r.month() + ".pdf");
    }

    @Get("/reports/availability.xlsx")
    @Produces(XLSX)
    public HttpResponse<byte[]> availabilityXlsx(Authentication auth, @QueryValue @Nullable String month) {
        AvailabilityReport.Report r = availability.of(Actors.of(auth), month);
        return HttpResponse.ok(availability.xlsx(r)).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=availability-" + r.month() + ".xlsx");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDate date(String text, LocalDate otherwise, String field) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_date", field + " '" + text + "' must be YYYY-MM-DD", field);
        }
    }
}
