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

import java.util.List;

/** Ledger entries of an account, the chain check, the CSV export, and reversals. */
@Controller("/api/ledger")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LedgerController {
    private final Ledger ledger;

    public LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @Serdeable
    public record ReverseRequest(@Nullable String reason) {
    }

    @Get
    public List<LedgerEntry> account(Authentication auth, @QueryValue String account) {
        return ledger.account(Actors.of(auth), account);
    }

    @Get("/verify")
    public ChainVerifier.Result verify(Authentication auth) {
        return ledger.verify(Actors.of(auth));
    }

    @Get("/export")
    @Produces("text/csv")
    public String export(Authentication auth) {
        return ledger.export(Actors.of(auth));
    }

    @Post("/{seq}/reverse")
    public HttpResponse<LedgerEntry> reverse(Authentication auth, @PathVariable long seq, @Body ReverseRequest body) {
        return HttpResponse.created(ledger.reverse(Actors.of(auth), seq, body.reason()));
    }
}
