package org.yangguang.distribution.notice;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.yangguang.distribution.access.Actors;

/** The printable notice and the spreadsheet exports. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class NoticeController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final NoticeService notices;

    public NoticeController(NoticeService notices) {
        this.notices = notices;
    }

    @Get("/plans/{id}/notice.pdf")
    @Produces("application/pdf")
    public HttpResponse<byte[]> notice(Authentication auth, @PathVariable long id) {
        return HttpResponse.ok(notices.noticePdf(Actors.of(auth), id)).contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=notice-plan-" + id + ".pdf");
    }

    @Get("/plans/{id}/export.xlsx")
    @Produces(XLSX)
    public HttpResponse<byte[]> plan(Authentication auth, @PathVariable long id) {
        return HttpResponse.ok(notices.planXlsx(Actors.of(auth), id)).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=plan-" + id + ".xlsx");
    }

    @Get("/payments/batches/{id}/export.xlsx")
    @Produces(XLSX)
    public HttpResponse<byte[]> batch(Authentication auth, @PathVariable long id) {
        return HttpResponse.ok(notices.batchXlsx(Actors.of(auth), id)).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=payments-" + id + ".xlsx");
    }
}
