package org.yangguang.distribution.settlement;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.ShareSetRequest;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Settlement import (text/csv body), receipts, reallocations, arrears and the distributable amount. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SettlementController {
    private final SettlementService settlement;
    private final ReceiptImport receiptImport;

    public SettlementController(SettlementService settlement, ReceiptImport receiptImport) {
        this.settlement = settlement;
        this.receiptImport = receiptImport;
    }

    /** The 专户's statement lines as CSV ({@link ReceiptImport#HEADER}), the whole file or nothing. */
    @Post("/receipts/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportReport importReceipts(Authentication auth, @Body String csv,
                                       @Header("X-Reason") @Nullable String reason) {
        return receiptImport.importCsv(Actors.of(auth), csv, reason);
    }

    /** POST the CSV as the body; {@code X-Filename} and {@code X-Reason} headers name the file and say why. */
    @Post("/settlements/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportReport importCsv(Authentication auth, @Body String csv,
                                  @Header("X-Filename") @Nullable String filename,
                                  @Header("X-Reason") @Nullable String reason) {
        return settlement.importCsv(Actors.of(auth), filename == null ? "upload.csv" : filename, csv, reason);
    }

    @Post("/stations/{code}/receipts")
    public HttpResponse<Receipt> receipt(Authentication auth, @PathVariable String code, @Body ReceiptRequest body) {
        return HttpResponse.created(settlement.recordReceipt(Actors.of(auth), code, body));
    }

    /** Corrects the shares of a period already used for money, moving the money with reversing entries. */
    @Post("/stations/{code}/reallocations")
    public HttpResponse<SettlementService.Reallocation> reallocate(Authentication auth, @PathVariable String code,
                                                                   @Body ShareSetRequest body) {
        return HttpResponse.created(settlement.reallocate(Actors.of(auth), code, body));
    }

    @Get("/stations/{code}/settlement")
    public StationMoney money(Authentication auth, @PathVariable String code) {
        return settlement.money(Actors.of(auth), code);
    }

    @Get("/stations/{code}/distributable")
    public Distributable distributable(Authentication auth, @PathVariable String code, @QueryValue String from,
                                       @QueryValue String to) {
        return settlement.distributable(Actors.of(auth), code, date(from, "from"), date(to, "to"));
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("bad_date", field + " must be yyyy-MM-dd", field);
        }
    }
}
