package org.yangguang.distribution.payment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.settlement.ImportReport;

/** Payment batches: build, bank file (CSV, XLSX), results, reconciliation. */
@Controller("/api/payments/batches")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentController {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final PaymentService payments;

    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @Serdeable
    public record BuildRequest(@Nullable String reason) {
    }

    @Serdeable
    public record ReconcileRequest(@Nullable Long accountDebitFen, @Nullable String statementRef,
                                   @Nullable String reason) {
    }

    @Post
    public HttpResponse<BatchView> build(Authentication auth, @Body BuildRequest body) {
        return HttpResponse.created(payments.build(Actors.of(auth), body.reason()));
    }

    @Get("/{id}")
    public BatchView get(Authentication auth, @PathVariable long id) {
        return payments.get(Actors.of(auth), id);
    }

    @Get("/{id}/bank-file.csv")
    @Produces("text/csv")
    public String bankCsv(Authentication auth, @PathVariable long id) {
        return payments.bankCsv(Actors.of(auth), id);
    }

    @Get("/{id}/bank-file.xlsx")
    @Produces(XLSX)
    public HttpResponse<byte[]> bankXlsx(Authentication auth, @PathVariable long id) {
        return HttpResponse.ok(payments.bankXlsx(Actors.of(auth), id)).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=batch-" + id + ".xlsx");
    }

    @Post("/{id}/results")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportReport results(Authentication auth, @PathVariable long id, @Body String csv,
                                @Header("X-Reason") @Nullable String reason) {
        return payments.importResults(Actors.of(auth), id, csv, reason);
    }

    @Post("/{id}/reconcile")
    public BatchView reconcile(Authentication auth, @PathVariable long id, @Body ReconcileRequest body) {
        return payments.reconcile(Actors.of(auth), id, body.accountDebitFen(), body.statementRef(), body.reason());
    }
}
