package org.yangguang.distribution.access;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/** Accounts (admin) and the audit trail (auditor, admin); {@code /api/me} says who the caller is. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccessController {
    private final AccountService accounts;
    private final AuditService audit;

    public AccessController(AccountService accounts, AuditService audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Get("/me")
    public Actor me(Authentication auth) {
        return Actors.of(auth);
    }

    @Get("/accounts")
    public List<AccountView> list(Authentication auth) {
        return accounts.list(Actors.of(auth));
    }

    @Post("/accounts")
    public HttpResponse<AccountView> create(Authentication auth, @Body NewAccount body) {
        return HttpResponse.created(accounts.create(Actors.of(auth), body));
    }

    @Get("/audit")
    public List<AuditEvent> audit(Authentication auth, @QueryValue String entity, @QueryValue String key) {
        return audit.of(Actors.of(auth), entity, key);
    }
}
