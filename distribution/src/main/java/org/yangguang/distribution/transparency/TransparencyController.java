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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.money.Fen;

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
    public record ObjectionForm(@Nullable String text, @Nullable Long planId) {
    }

    @Post("/api/households/{registrationNo}/qr")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<IssuedToken> issue(Authentication auth, HttpRequest<?> request,
                                           @PathVariable String registrationNo, @Body ReasonRequest body) {
        String host = request.getHeaders().get("Host");
        String base = "http://" + (host == null ? "127.0.0.1" : host);
        return HttpResponse.created(service.issue(Actors.of(auth), registrationNo, body.reason(), base));
    }

    @Post("/api/households/{registrationNo}/qr/revoke")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> revoke(Authentication auth, @PathVariable String registrationNo,
                                     @Body ReasonRequest body) {
        service.revoke(Actors.of(auth), registrationNo, body.reason());
        return HttpResponse.noContent();
    }

    /** The page a household reaches by scanning its code: no login, only its own payments. */
    @Get("/h/{token}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> page(@PathVariable String token) {
        return service.page(token).map(p -> HttpResponse.ok(html(p, token)).contentType(MediaType.TEXT_HTML_TYPE))
                .orElseGet(() -> HttpResponse.<String>notFound("<!doctype html><meta charset=utf-8><p>链接无效或已作废 "
                        + "(this link is not valid)</p>").contentType(MediaType.TEXT_HTML_TYPE));
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
        return form ? HttpResponse.seeOther(java.net.URI.create("/h/" + token)) : HttpResponse.created(filed.get());
    }

    static String html(HouseholdPage p, String token) {
        StringBuilder rows = new StringBuilder();
        for (HouseholdPage.Payment x : p.payments()) {
            rows.append("<tr><td>").append(esc(x.period())).append("</td><td>").append(esc(x.category()))
                    .append("</td><td style=text-align:right>").append(Fen.of(x.amountFen()).toYuan().toPlainString())
                    .append("</td><td>").append(esc(x.state())).append("</td><td>").append(esc(x.paidInto()))
                    .append("</td></tr>");
        }
        StringBuilder objections = new StringBuilder();
        for (HouseholdPage.ObjectionRow o : p.objections()) {
            objections.append("<li>").append(esc(o.raisedOn())).append(" ").append(esc(o.text())).append(" — ")
                    .append(esc(o.state())).append(o.resolution() == null ? "" : "：" + esc(o.resolution()))
                    .append("</li>");
        }
        return "<!doctype html><html lang=zh-CN><head><meta charset=utf-8><meta name=viewport "
                + "content='width=device-width,initial-scale=1'><title>光伏收益 一码清</title></head><body>"
                + "<h1>光伏收益 一码清</h1><p>" + esc(p.village()) + " · 户主 " + esc(p.household()) + "</p>"
                + "<table border=1 cellpadding=4><tr><th>期间</th><th>项目</th><th>金额(元)</th><th>状态</th>"
                + "<th>收款账户</th></tr>" + rows + "</table><p>已到账合计 total paid: "
                + Fen.of(p.totalPaidFen()).toYuan().toPlainString() + " 元</p>"
                + "<h2>对公示方案的异议 objections</h2><ul>" + objections + "</ul>"
                + "<form method=post action='" + esc(token) + "/objections'><label>对本村正在公示的分配方案有异议，请写明 "
                + "(objection to the plan under public notice)<br><textarea name=text rows=3 cols=40 maxlength=1000>"
                + "</textarea></label><br><button type=submit>提交异议 submit</button></form>"
                + "<p style='font-size:small'>账本链头 ledger head: " + esc(p.ledgerHead()) + "</p></body></html>";
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
