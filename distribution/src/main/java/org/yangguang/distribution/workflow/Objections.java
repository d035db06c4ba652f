package org.yangguang.distribution.workflow;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.Household;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Objections to a plan during its public notice (公示), and their resolution (issue 12 §8). A household files one
 * itself through its QR page (no login: its signed link is the authentication, and each household may file
 * {@code yangguang.objections.per-household-per-day}, default 3, a day); the committee may record one for a villager.
 * Only the committee (the county office for a pool plan) proposes a resolution, and only the township signs it off:
 * the reviewer of the plan's village's township, or, for a pool plan, of the objecting household's. A plan goes on to
 * review only when every objection is signed off.
 */
@Singleton
class Objections {
    private final PlanRepository plans;
    private final ObjectionRepository objections;
    private final PlanService planService;
    private final HouseholdService households;
    private final Registry registry;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;
    private final int perDay;

    Objections(PlanRepository plans, ObjectionRepository objections, PlanService planService,
               HouseholdService households, Registry registry, Scopes scopes, Audit audit, BusinessCalendar calendar,
               @Value("${yangguang.objections.per-household-per-day:3}") int perDay) {
        this.plans = plans;
        this.objections = objections;
        this.planService = planService;
        this.households = households;
        this.registry = registry;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
        this.perDay = perDay;
    }

    /** Recorded by the committee (the county office for the pool) for someone who raised it in person. */
    @Transactional
    public Objection record(Actor actor, long planId, String text, String raisedBy) {
        Plan plan = plans.requireLocked(planId);
        scopes.requireRole(actor, plan.pool() ? Role.COUNTY_APPROVER : Role.VILLAGE_COMMITTEE);
        planService.requireScope(actor, plan);
        requireNotice(plan);
        if (text == null || text.isBlank() || raisedBy == null || raisedBy.isBlank()) {
            throw ApiException.badRequest("missing_field", "an objection needs its text and who raised it", "text");
        }
        Objection o = objections.save(new Objection(null, planId, clip(text), clip64(raisedBy), calendar.today(),
                true, null, null, null, "COMMITTEE", Objection.State.OPEN, null, null, calendar.clock().instant()));
        audit.record(actor, "plan.objection", "plan", String.valueOf(planId), "objection by " + o.raisedBy(), text);
        return o;
    }

    /**
     * Filed by a household through its QR page: against the plan it names (its village's, or its county pool's), or
     * else its village's plan now under notice.
     */
    @Transactional
    public Objection file(long householdId, Long planId, String text) {
        Household h = households.byId(householdId);
        Village village = registry.village(h.villageId());
        long countyId = registry.countyOf(village).id();
        Plan plan;
        if (planId != null) {
            plan = plans.lockById(planId).filter(p -> p.pool() ? p.poolCountyId() == countyId
                    : p.villageId().equals(village.id())).orElseThrow(() -> ApiException.notFound("unknown_plan",
                    "no plan " + planId + " of your village or county", "planId"));
        } else {
            Optional<Plan> noticed = plans.findByVillageIdOrderByPeriod(village.id()).stream()
                    .filter(p -> p.state() == PlanState.NOTICE).findFirst();
            plan = plans.requireLocked(noticed.orElseThrow(() -> ApiException.conflict("not_in_notice",
                    "no plan of your village is publicly posted now", "planId")).id());
        }
        requireNotice(plan);
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("missing_field", "write what you object to", "text");
        }
        if (objections.countRaisedSince(householdId, calendar.clock().instant().minus(Duration.ofDays(1))) >= perDay) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_objections", "this household has filed "
                    + perDay + " objections in the last 24 hours; please talk to the village committee", null);
        }
        Objection o = objections.save(new Objection(null, plan.id(), clip(text), clip64("户 " + h.registrationNo()),
                calendar.today(), true, null, null, householdId, "QR", Objection.State.OPEN, null, null,
                calendar.clock().instant()));
        audit.record(Actor.system(countyId), "plan.objection", "plan", String.valueOf(plan.id()),
                "objection filed by household " + h.registrationNo() + " through its QR page", text);
        return o;
    }

    /** The committee (county office for the pool) proposes how an objection is resolved. */
    @Transactional
    public Objection propose(Actor actor, long planId, long objectionId, String resolution) {
        Plan plan = plans.requireLocked(planId);
        scopes.requireRole(actor, plan.pool() ? Role.COUNTY_APPROVER : Role.VILLAGE_COMMITTEE);
        planService.requireScope(actor, plan);
        Objection o = find(planId, objectionId);
        if (o.state() == Objection.State.RESOLVED) {
            throw ApiException.conflict("objection_resolved", "objection " + objectionId + " is already resolved",
                    "objectionId");
        }
        String why = Audit.requireReason(resolution);
        Objection done = objections.update(o.proposed(why, actor.username()));
        audit.record(actor, "plan.objection_proposed", "plan", String.valueOf(planId), why, "objection " + objectionId
                + ": resolution proposed, awaiting the township's sign-off");
        return done;
    }

    /** The township agrees (RESOLVED) or not (OPEN again, for the committee to do more). */
    @Transactional
    public Objection signOff(Actor actor, long planId, long objectionId, boolean accept, String note) {
        Plan plan = plans.requireLocked(planId);
        scopes.requireRole(actor, Role.TOWNSHIP_REVIEWER);
        Objection o = find(planId, objectionId);
        Village village;
        if (plan.pool()) {
            if (o.householdId() == null) {
                throw ApiException.conflict("no_township", "this objection to the pool's plan names no household, so "
                        + "no township signs it off; the county office records it with the household", "objectionId");
            }
            village = registry.village(households.byId(o.householdId()).villageId());
        } else {
            village = registry.village(plan.villageId());
        }
        scopes.requireVillage(actor, village);
        if (o.state() != Objection.State.PROPOSED) {
            throw ApiException.conflict("nothing_to_sign_off", "objection " + objectionId + " is " + o.state()
                    + "; the committee proposes a resolution first", "objectionId");
        }
        String why = Audit.requireReason(note);
        Objection done = objections.update(o.signedOff(accept, actor.username(), why));
        audit.record(actor, accept ? "plan.objection_resolved" : "plan.objection_reopened", "plan",
                String.valueOf(planId), why, "objection " + objectionId);
        return done;
    }

    /** A household's own objections (for its QR page). */
    @Transactional
    public List<Objection> ofHousehold(long householdId) {
        return objections.findByHouseholdIdOrderById(householdId);
    }

    private Objection find(long planId, long objectionId) {
        return objections.findById(objectionId).filter(x -> x.planId() == planId).orElseThrow(() ->
                ApiException.notFound("unknown_objection", "no objection " + objectionId + " on plan " + planId,
                        "objectionId"));
    }

    private static void requireNotice(Plan plan) {
        if (plan.state() != PlanState.NOTICE) {
            throw ApiException.conflict("not_in_notice", "objections are raised while the plan is publicly posted; "
                    + "it is " + plan.state(), "planId");
        }
    }

    private static String clip64(String s) {
        String t = s.strip();
        return t.length() <= 64 ? t : t.substring(0, 64);
    }

    private static String clip(String s) {
        String t = s.strip();
        return t.length() <= 1000 ? t : t.substring(0, 1000);
    }
}
