package org.yangguang.distribution.workflow;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.allocation.AllocationEngine;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.AllocationResult;
import org.yangguang.distribution.allocation.Policy;
import org.yangguang.distribution.allocation.PolicyService;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.ledger.Posting;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.time.BusinessCalendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's state machine ({@link Transition}, one table): every move under a row lock on the plan (concurrent
 * approvals move it once), checked, recorded with who, when and why.
 *
 * <p><b>Approval commits the money</b> (COUNTY_APPROVE or COUNTY_FILE): the plan is checked again — under the latest
 * policy version for its year, every household line's eligibility on the period's first day as recorded now, the
 * bounds on what the lines pay — and against what the fund still holds for the month; then one PLAN transaction moves
 * it in the ledger: the fund's balance to the category budgets, the budgets to the payable lines and the collective's
 * retention, and what the lines leave unspent back to the balance (carried forward).
 *
 * <p><b>Duties</b>: the person who drafted a plan (any draft of it) cannot approve it.
 */
@Singleton
class PlanWorkflow {
    static final String PLAN = "PLAN";

    private final PlanRepository plans;
    private final PlanLineRepository lines;
    private final PlanCategoryRepository categories;
    private final ObjectionRepository objections;
    private final PlanEventRepository events;
    private final PlanService planService;
    private final PolicyService policies;
    private final HouseholdService households;
    private final Ledger ledger;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;
    private final NoticePeriod notice;

    PlanWorkflow(PlanRepository plans, PlanLineRepository lines, PlanCategoryRepository categories,
                 ObjectionRepository objections, PlanEventRepository events, PlanService planService,
                 PolicyService policies, HouseholdService households, Ledger ledger, Scopes scopes, Audit audit,
                 BusinessCalendar calendar, NoticePeriod notice) {
        this.plans = plans;
        this.lines = lines;
        this.categories = categories;
        this.objections = objections;
        this.events = events;
        this.planService = planService;
        this.policies = policies;
        this.households = households;
        this.ledger = ledger;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
        this.notice = notice;
    }

    @Transactional
    public PlanView move(Actor actor, long planId, Transition t, String reason) {
        String why = Audit.requireReason(reason);
        if (t == Transition.DRAFT) {
            throw ApiException.badRequest("unknown_transition", "a plan is drafted with POST "
                    + "/api/villages/{village}/plans (or /api/county/pool/plans)", "transition");
        }
        Plan plan = plans.requireLocked(planId);
        PlanService.Scope scope = planService.scopeOf(plan);
        if (t.role(plan.pool()) == null) {
            throw ApiException.conflict("invalid_transition", t + " is not a move of "
                    + (plan.pool() ? "the county pool's plans" : "a village's plans"), "transition");
        }
        if (actor.role() != t.role(plan.pool())) {
            throw Scopes.forbidden(t + " is done by " + t.role(plan.pool()) + ", not " + actor.role());
        }
        planService.requireScope(actor, plan);
        if (plan.state() != t.from) {
            throw ApiException.conflict("invalid_transition", "plan " + planId + " is " + plan.state() + "; " + t
                    + " needs " + t.from, "transition");
        }
        if (t.approves() && drafted(planId, actor.username())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "duty_conflict", actor.username() + " drafted this plan and "
                    + "cannot approve it: drafting and approving one plan are two people's duties", "transition");
        }
        LocalDate today = calendar.today();
        Plan next = plan.with(t.to);
        switch (t) {
            case PUBLISH -> {
                java.time.Instant now = calendar.clock().instant();
                next = next.noticed(notice.startDate(now), notice.endDate(now));
            }
            case SUBMIT, SUBMIT_TO_COUNTY -> {
                java.time.Instant published = planService.publishedAt(planId);
                if (notice.running(plan, published)) {
                    throw ApiException.conflict("notice_running", "the public notice runs until "
                            + notice.endsAt(plan, published).atZone(calendar.zone()).toLocalDateTime()
                            + " (" + notice.describe() + " from " + plan.noticeStart() + ")", "transition");
                }
                long open = objections.countByPlanIdAndOpen(planId, true);
                if (open > 0) {
                    throw ApiException.conflict("open_objections", open + " objection(s) to the plan are not "
                            + "resolved with the township's sign-off", "transition");
                }
            }
            case TOWNSHIP_RETURN, COUNTY_RETURN -> next = next.noticed(null, null);
            case COUNTY_APPROVE, COUNTY_FILE -> next = next.approved(commit(actor, plan, scope));
            case RECONCILE -> {
                if (!planService.allPaid(planId)) {
                    throw ApiException.conflict("unpaid_lines", "plan " + planId + " still has lines not paid",
                            "transition");
                }
            }
            default -> { }
        }
        plans.update(next);
        events.save(new PlanEvent(null, planId, t, plan.state(), t.to, actor.username(), calendar.clock().instant(),
                why));
        audit.record(actor, "plan." + t.name().toLowerCase(), "plan", String.valueOf(planId), why,
                plan.state() + " -> " + t.to);
        return planService.view(next, List.of());
    }

    private boolean drafted(long planId, String username) {
        return events.findByPlanIdOrderById(planId).stream()
                .anyMatch(e -> e.transition() == Transition.DRAFT && e.actor().equals(username));
    }

    /** Re-checks the plan and posts it: the money leaves the fund's balance for the payees. The tx, or null (no money). */
    private Long commit(Actor actor, Plan plan, PlanService.Scope scope) {
        YearMonth month = YearMonth.parse(plan.period());
        List<PlanCategory> cats = categories.findByPlanIdOrderById(plan.id());
        List<PlanLine> ls = lines.findByPlanIdOrderById(plan.id());
        // the latest policy for the year: a stricter version stored since the draft applies
        PolicyService.Versioned latest = policies.latest(scope.county().id(), scope.policyScope(), month.getYear());
        Policy policy = latest.policy();
        LocalDate start = month.atDay(1);
        List<AllocationRequest.CategoryShare> shares = new ArrayList<>();
        List<AllocationResult.CategoryResult> results = new ArrayList<>();
        List<AllocationRequest.Line> facts = new ArrayList<>();
        for (PlanCategory c : cats) {
            shares.add(new AllocationRequest.CategoryShare(c.code(), c.percent()));
            List<AllocationResult.LineResult> lr = new ArrayList<>();
            for (PlanLine l : ls) {
                if (!l.category().equals(c.code())) {
                    continue;
                }
                lr.add(new AllocationResult.LineResult(l.category(), l.householdId(), l.memberId(), l.amountFen(),
                        l.basis(), l.reference(), l.postId(), l.projectId()));
                if (l.householdId() != null) {
                    HouseholdService.Facts f = households.factsOn(l.householdId(), l.memberId(), start);
                    facts.add(new AllocationRequest.Line(l.category(), l.householdId(), l.memberId(), f.status(),
                            f.labour(), java.math.BigDecimal.ZERO, l.amountFen(), l.basis(), l.reference(), l.postId(),
                            l.projectId()));
                }
            }
            results.add(new AllocationResult.CategoryResult(c.code(), c.budgetFen(), lr, c.unspentFen()));
        }
        AllocationResult stored = new AllocationResult(plan.amountFen(), results, plan.undistributedFen());
        AllocationEngine.recheck(policy, shares, facts, stored);
        long available = planService.available(scope.fund(), month);
        if (plan.amountFen() > available) {
            throw ApiException.conflict("balance_changed", scope.name() + " now holds " + Fen.of(available) + " for "
                    + month + " and the plan allocates " + Fen.of(plan.amountFen()) + " (money was taken back since "
                    + "it was drafted): return it to be drafted again", "transition");
        }
        Fund fund = scope.fund();
        Posting p = Posting.of(PLAN, calendar.today(), "plan " + plan.id() + " " + plan.period() + " "
                + (scope.pool() ? "county pool" : scope.village().code()));
        for (AllocationResult.CategoryResult c : results) {
            p.debit(fund.balance(), c.budgetFen()).credit(fund.budget(c.code()), c.budgetFen());
            p.debit(fund.budget(c.code()), c.budgetFen());
            long payable = 0;
            long retained = 0;
            for (PlanLine l : ls) {
                if (l.category().equals(c.code())) {
                    if (l.kind().transferred()) {
                        payable = Math.addExact(payable, l.amountFen());
                    } else {
                        retained = Math.addExact(retained, l.amountFen());
                    }
                }
            }
            p.credit(fund.payable(), payable).credit(fund.retained(), retained).credit(fund.balance(), c.unspentFen());
        }
        return p.lines().isEmpty() ? null : ledger.post(actor.username(), p).tx();
    }
}
