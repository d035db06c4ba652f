package org.yangguang.distribution.transparency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
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

/** Issuing and revoking QR links (village committee), and the public household page behind them. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class TransparencyController {
    private final TransparencyService service;

    public TransparencyController(TransparencyService service) {
        this.service = service;
    }

    @Serdeable
    public record ReasonRequest(@Nullable String reason) {
    }

    /** An objection as a household files it: its text, and the plan if not the village's plan under notice. */
    @Serdeable
    public record ObjectionForm(@Nullable String text, @Nullable Long planId, @Nullable String lang) {
    }

    @Post("/api/households/{registrationNo}/qr")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<IssuedToken> issue(Authentication auth, HttpRequest<?> request,
                                           @PathVariable String registrationNo, @Body ReasonRequest body) {
        String host = request.getHeaders().get("Host");
        String base = "http://" + (host == null ? "127.0.0.1" : host);
        return HttpResponse.created(service.issue(Actors.of(auth), registrationNo, body.reason(), base));
    }

    /** The household's QR cards to print, one per member (PDF); issues a new link, revoking the earlier cards. */
    @Post("/api/households/{registrationNo}/qr-sheet")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Produces("application/pdf")
    public HttpResponse<byte[]> sheet(Authentication auth, HttpRequest<?> request, @PathVariable String registrationNo,
                                      @Body ReasonRequest body) {
        String host = request.getHeaders().get("Host");
        String base = "http://" + (host == null ? "127.0.0.1" : host);
        return HttpResponse.ok(service.qrSheet(Actors.of(auth), registrationNo, body.reason(), base))
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"qr-cards-" + registrationNo + ".pdf\"");
    }

    @Post("/api/households/{registrationNo}/qr/revoke")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> revoke(Authentication auth, @PathVariable String registrationNo,
                                     @Body ReasonRequest body) {
        service.revoke(Actors.of(auth), registrationNo, body.reason());
        return HttpResponse.noContent();
    }

    /**
     * The page a household reaches by scanning its code: no login, only its own payments; styled, phone-first, and
     * without JavaScript ({@link HouseholdPageHtml}); {@code ?lang=en} for English.
     */
    @Get("/h/{token}{?lang}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> page(@PathVariable String token, @Nullable @QueryValue String lang) {
        boolean en = "en".equals(lang);
        return service.page(token).map(p -> HttpResponse.ok(HouseholdPageHtml.render(p, token, en))
                        .contentType(MediaType.TEXT_HTML_TYPE))
                .orElseGet(() -> HttpResponse.<String>notFound(HouseholdPageHtml.notFound(en))
                        .contentType(MediaType.TEXT_HTML_TYPE));
    }

    @Get("/h/{token}/data")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<HouseholdPage> data(@PathVariable String token) {
        return service.page(token).map(HttpResponse::ok).orElseGet(HttpResponse::notFound);
    }

    /**
     * A household objects to a plan under public notice, from its QR page: the link is its authentication (no login),
     * and a household may file a few a day. From the page's form the answer is the page again; JSON gets the objection.
     */
    @Post("/h/{token}/objections")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
    public HttpResponse<?> object(HttpRequest<?> request, @PathVariable String token, @Body ObjectionForm body) {
        var filed = service.object(token, body.planId(), body.text());
        if (filed.isEmpty()) {
            return HttpResponse.notFound();
        }
        boolean form = request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE))
                .orElse(false);
        // back to the page in the language the household read it in
        return form ? HttpResponse.seeOther(java.net.URI.create("/h/" + token + ("en".equals(body.lang()) ? "?lang=en" : "")))
                : HttpResponse.created(filed.get());
    }
}
