package org.yangguang.distribution.household;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.yangguang.distribution.access.Actors;

import java.util.List;

/** Households of a village (masked), registration and status changes. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class HouseholdController {
    private final HouseholdService households;

    public HouseholdController(HouseholdService households) {
        this.households = households;
    }

    @Get("/villages/{village}/households")
    public List<HouseholdView> list(Authentication auth, @PathVariable String village) {
        return households.list(Actors.of(auth), village);
    }

    @Post("/villages/{village}/households")
    public HttpResponse<HouseholdView> register(Authentication auth, @PathVariable String village,
                                                @Body NewHousehold body) {
        return HttpResponse.created(households.register(Actors.of(auth), village, body));
    }

    @Get("/households/{registrationNo}")
    public HouseholdView get(Authentication auth, @PathVariable String registrationNo) {
        return households.get(Actors.of(auth), registrationNo);
    }

    @Post("/households/{registrationNo}/status")
    public HouseholdView status(Authentication auth, @PathVariable String registrationNo, @Body StatusRequest body) {
        return households.changeStatus(Actors.of(auth), registrationNo, body.status(), body.effectiveFrom(),
                body.reason());
    }
}
