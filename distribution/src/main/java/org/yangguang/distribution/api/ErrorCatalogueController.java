package org.yangguang.distribution.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /api/catalogue}: every error code the API answers with and what it means. Open without login, like the
 * API docs at /swagger/: it is documentation, holds no data, and the login page's errors are among its codes.
 */
@Controller("/api/catalogue")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "errors")
public final class ErrorCatalogueController {
    @Get
    @Operation(summary = "Every error code of the API ({code, message, field} bodies) with its meaning")
    public List<ErrorCatalogue.Entry> catalogue() {
        return ErrorCatalogue.entries();
    }
}
