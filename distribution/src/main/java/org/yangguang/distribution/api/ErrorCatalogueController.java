package org.yangguang.distribution.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /api/catalogue}: every error code the API answers with and what it means, for any logged-in user (every
 * {@code /api} route needs a login; the console carries its own translations, so the login page needs none).
 */
@Controller("/api/catalogue")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "errors")
public final class ErrorCatalogueController {
    @Get
    @Operation(summary = "Every error code of the API ({code, message, field} bodies) with its meaning")
    public List<ErrorCatalogue.Entry> catalogue() {
        return ErrorCatalogue.entries();
    }
}
