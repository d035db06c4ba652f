package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

/** Allocation policies, village plans, their transitions and objections. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {
    private final PlanService plans;
    private final PolicyService policies;

    public PlanController(PlanService plans, PolicyService policies) {
        this.plans = plans;
        this.policies = policies;
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

    @Post("/policies")
    public HttpResponse<Policy> storePolicy(Authentication auth, @Body Policy policy,
                                            @Header("X-Reason") @Nullable String reason) {
        return HttpResponse.created(policies.store(Actors.of(auth), policy, reason));
    }

    @Get("/policies/{year}")
    public Policy policy(Authentication auth, @PathVariable int year) {
        return policies.latest(Actors.of(auth).countyId(), year).policy();
    }

    @Get("/villages/{village}/plans")
    public List<PlanView> list(Authentication auth, @PathVariable String village) {
        return plans.list(Actors.of(auth), village);
    }

    @Post("/villages/{village}/plans")
    public HttpResponse<PlanView> draft(Authentication auth, @PathVariable String village, @Body PlanRequest body) {
        return HttpResponse.created(plans.draft(Actors.of(auth), village, body));
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
        return HttpResponse.created(plans.object(Actors.of(auth), id, body.text(), body.raisedBy()));
    }

    @Post("/plans/{id}/objections/{objectionId}/resolve")
    public Objection resolve(Authentication auth, @PathVariable long id, @PathVariable long objectionId,
                             @Body ResolutionRequest body) {
        return plans.resolve(Actors.of(auth), id, objectionId, body.resolution());
    }
}
