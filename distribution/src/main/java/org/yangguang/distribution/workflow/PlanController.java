package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.access.Actors;
import org.yangguang.distribution.allocation.Policy;
import org.yangguang.distribution.allocation.PolicyService;
import org.yangguang.distribution.api.ApiException;

import java.util.List;

/** Allocation policies, village and county-pool plans, their transitions and objections. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {
    private final PlanService plans;
    private final PolicyService policies;
    private final NoticePeriod notice;

    public PlanController(PlanService plans, PolicyService policies, NoticePeriod notice) {
        this.plans = plans;
        this.policies = policies;
        this.notice = notice;
    }

    /** The public notice's length; {@code demo} true when a demo length replaced the policy's days (shown on screen). */
    @Serdeable
    public record NoticeSetting(boolean demo, long seconds, String setting) {
    }

    @Get("/settings/notice")
    public NoticeSetting noticeSetting() {
        return new NoticeSetting(notice.demo(), notice.length().toSeconds(),
                notice.demo() ? "yangguang.workflow.notice-duration" : "yangguang.workflow.notice-days");
    }

    @Serdeable
    public record TransitionRequest(@Nullable String transition, @Nullable String reason) {
    }

    @Serdeable
    public record ObjectionRequest(@Nullable String text, @Nullable String raisedBy) {
    }

    @Serdeable
    public record ResolutionRequest(@Nullable String resolution) {
    }

    @Serdeable
    public record SignOffRequest(@Nullable Boolean accept, @Nullable String note) {
    }

    @Post("/policies")
    public HttpResponse<Policy> storePolicy(Authentication auth, @Body Policy policy,
                                            @Header("X-Reason") @Nullable String reason) {
        return HttpResponse.created(policies.store(Actors.of(auth), policy, reason));
    }

    /** The latest policy of a year: villages' ({@code scope} VILLAGE, default) or the county pool's. */
    @Get("/policies/{year}")
    public Policy policy(Authentication auth, @PathVariable int year, @QueryValue @Nullable String scope) {
        Policy.Scope s;
        try {
            s = scope == null ? Policy.Scope.VILLAGE : Policy.Scope.valueOf(scope.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_scope", "scope is VILLAGE or COUNTY_POOL", "scope");
        }
        return policies.latest(Actors.of(auth).countyId(), s, year).policy();
    }

    @Get("/villages/{village}/plans")
    public List<PlanView> list(Authentication auth, @PathVariable String village) {
        return plans.list(Actors.of(auth), village);
    }

    @Post("/villages/{village}/plans")
    public HttpResponse<PlanView> draft(Authentication auth, @PathVariable String village, @Body PlanRequest body) {
        return HttpResponse.created(plans.draft(Actors.of(auth), village, body));
    }

    @Get("/county/pool/plans")
    public List<PlanView> poolList(Authentication auth) {
        return plans.listPool(Actors.of(auth));
    }

    @Post("/county/pool/plans")
    public HttpResponse<PlanView> poolDraft(Authentication auth, @Body PlanRequest body) {
        return HttpResponse.created(plans.draftPool(Actors.of(auth), body));
    }

    @Get("/plans/{id}")
    public PlanView get(Authentication auth, @PathVariable long id) {
        return plans.get(Actors.of(auth), id);
    }

    @Post("/plans/{id}/transitions")
    public PlanView move(Authentication auth, @PathVariable long id, @Body TransitionRequest body) {
        Transition t;
        try {
            t = Transition.valueOf(body.transition() == null ? "" : body.transition().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown_transition", "transition must be one of "
                    + java.util.Arrays.toString(Transition.values()), "transition");
        }
        return plans.move(Actors.of(auth), id, t, body.reason());
    }

    @Post("/plans/{id}/objections")
    public HttpResponse<Objection> object(Authentication auth, @PathVariable long id, @Body ObjectionRequest body) {
        return HttpResponse.created(plans.recordObjection(Actors.of(auth), id, body.text(), body.raisedBy()));
    }

    /** The committee's proposed resolution; it stands once the township signs it off. */
    @Post("/plans/{id}/objections/{objectionId}/resolve")
    public Objection resolve(Authentication auth, @PathVariable long id, @PathVariable long objectionId,
                             @Body ResolutionRequest body) {
        return plans.proposeResolution(Actors.of(auth), id, objectionId, body.resolution());
    }

    @Post("/plans/{id}/objections/{objectionId}/sign-off")
    public Objection signOff(Authentication auth, @PathVariable long id, @PathVariable long objectionId,
                             @Body SignOffRequest body) {
        return plans.signOffObjection(Actors.of(auth), id, objectionId, body.accept() == null || body.accept(),
                body.note());
    }
}
