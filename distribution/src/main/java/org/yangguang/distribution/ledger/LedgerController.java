package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/** Entries of an account, a county's books on a date, the check, the CSV export, the head, and reversals. */
@Controller("/api/ledger")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LedgerController {
    private final Ledger ledger;
    private final BusinessCalendar calendar;

    public LedgerController(Ledger ledger, BusinessCalendar calendar) {
        this.ledger = ledger;
        this.calendar = calendar;
    }

    @Serdeable
    public record ReverseRequest(@Nullable String reason) {
    }

    /** A reversal: the transaction that now undoes the one holding the entry. */
    @Serdeable
    public record Reversal(long tx, long firstSeq, long lastSeq, String hash) {
    }

    @Get
    public List<LedgerEntry> account(Authentication auth, @QueryValue String account) {
        return ledger.account(Actors.of(auth), account);
    }

    /** Every account of a county on a date (default today): the books, reconciling to the cash account (专户). */
    @Get("/books/{county}")
    public List<AccountSum> books(Authentication auth, @PathVariable String county, @QueryValue @Nullable String date) {
        LocalDate d;
        try {
            d = date == null ? calendar.today() : LocalDate.parse(date);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("bad_date", "date must be yyyy-MM-dd", "date");
        }
        return ledger.books(Actors.of(auth), county, d);
    }

    @Get("/verify")
    public LedgerAudit.Verification verify(Authentication auth) {
        return ledger.verify(Actors.of(auth));
    }

    /** The head anyone may note down and compare later (it is printed on notices and household pages too). */
    @Get("/head")
    public Ledger.Head head(Authentication auth) {
        Actors.of(auth);
        return ledger.head();
    }

    @Get("/export")
    @Produces("text/csv")
    public String export(Authentication auth) {
        return ledger.export(Actors.of(auth));
    }

    @Post("/{seq}/reverse")
    public HttpResponse<Reversal> reverse(Authentication auth, @PathVariable long seq, @Body ReverseRequest body) {
        Ledger.Posted p = ledger.reverse(Actors.of(auth), seq, body.reason());
        return HttpResponse.created(new Reversal(p.tx(), p.firstSeq(), p.lastSeq(), p.hash()));
    }
}
