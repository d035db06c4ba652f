package org.yangguang.distribution.workflow;

import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.allocation.AllocationEngine;
import org.yangguang.distribution.allocation.AllocationRequest;
import org.yangguang.distribution.allocation.AllocationResult;
import org.yangguang.distribution.allocation.Basis;
import org.yangguang.distribution.allocation.LineBasis;
import org.yangguang.distribution.allocation.Policy;
import org.yangguang.distribution.allocation.PolicyService;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.Household;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.ledger.Fund;
import org.yangguang.distribution.ledger.Ledger;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.project.Project;
import org.yangguang.distribution.project.ProjectService;
import org.yangguang.distribution.registry.County;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.ShareGuard;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.time.BusinessCalendar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Allocation plans (收益分配使用计划), the workflow package's facade: drafting, reading, and what payment asks of a
 * plan. Transitions are {@link PlanWorkflow}, objections {@link Objections}.
 *
 * <p>A plan belongs to a <b>fund</b>: a village's, or the county pool's (centralized stations; Shanxi 2020: the pool
 * may pay eligible households anywhere in the county). Its amount is what the fund holds for the month in the ledger:
 * the balance carried forward plus the month's new revenue (receipts received by the month's end, split to the fund),
 * never statements or forecasts. A fund's plans go month by month: a month can be drafted only when every earlier
 * plan of the fund is approved, and never behind a later one; so money is allocated once, and what a plan leaves
 * unspent, or arrives late, is in the next plan's opening balance.
 *
 * <p>Lines come from facts: post wages only from the village's posts and their attendance (a client's wage line is
 * refused, 先劳后酬); a project line names a project (paid to its payee, within its budget); a household line is a
 * household of the fund's village (or, for the pool, of the county) with its weight. The allocation engine checks
 * the policy and every household line's eligibility.
 */
@Singleton
public class PlanService implements ShareGuard {
    private final PlanRepository plans;
    private final PlanCategoryRepository categories;
    private final PlanLineRepository lines;
    private final ObjectionRepository objections;
    private final PlanEventRepository events;
    private final Registry registry;
    private final PolicyService policies;
    private final HouseholdService households;
    private final PostService posts;
    private final ProjectService projects;
    private final Ledger ledger;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;
    private final BeanProvider<PlanWorkflow> workflow;
    private final BeanProvider<Objections> objectionService;
    private final NoticePeriod notice;

    public PlanService(PlanRepository plans, PlanCategoryRepository categories, PlanLineRepository lines,
                       ObjectionRepository objections, PlanEventRepository events, Registry registry,
                       PolicyService policies, HouseholdService households, PostService posts, ProjectService projects,
                       Ledger ledger, Scopes scopes, Audit audit, BusinessCalendar calendar,
                       BeanProvider<PlanWorkflow> workflow, BeanProvider<Objections> objectionService,
                       NoticePeriod notice) {
        this.notice = notice;
        this.workflow = workflow;
        this.objectionService = objectionService;
        this.plans = plans;
        this.categories = categories;
        this.lines = lines;
        this.objections = objections;
        this.events = events;
        this.registry = registry;
        this.policies = policies;
        this.households = households;
        this.posts = posts;
        this.projects = projects;
        this.ledger = ledger;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
    }

    /** When the plan was last published (its notice runs from then), or null if it never was. */
    java.time.Instant publishedAt(long planId) {
        java.time.Instant at = null;
        for (PlanEvent e : events.findByPlanIdOrderById(planId)) {
            if (e.transition() == Transition.PUBLISH) {
                at = e.at();
            }
        }
        return at;
    }

    private String noticeEndsAt(Plan plan) {
        java.time.Instant end = notice.endsAt(plan, publishedAt(plan.id()));
        return end == null ? null : end.atZone(calendar.zone()).toOffsetDateTime().toString();
    }

    /** Whose plan: a village's fund or the county pool's. */
    record Scope(Fund fund, Village village, County county) {
        boolean pool() {
            return village == null;
        }

        String name() {
            return pool() ? county.name() + "扶贫收益县级统筹" : village.name();
        }

        Policy.Scope policyScope() {
            return pool() ? Policy.Scope.COUNTY_POOL : Policy.Scope.VILLAGE;
        }
    }

    Scope scopeOf(Plan p) {
        if (p.pool()) {
            County c = registry.county(p.poolCountyId());
            return new Scope(Fund.pool(c.code()), null, c);
        }
        Village v = registry.village(p.villageId());
        County c = registry.countyOf(v);
        return new Scope(Fund.village(c.code(), v.code()), v, c);
    }

    /** The fund a plan allocates. */
    public Fund fund(long planId) {
        return scopeOf(plans.require(planId)).fund();
    }

    /** Checks the actor may see the plan: its village's scope, or the county for the pool's. */
    void requireScope(Actor actor, Plan p) {
        if (p.pool()) {
            scopes.requireCounty(actor, p.poolCountyId());
        } else {
            scopes.requireVillage(actor, registry.village(p.villageId()));
        }
    }

    // ------------------------------------------------------------------------------------------- money of a fund

    /**
     * What the fund can allocate for a month: its balance now, less the revenue of receipts received after the
     * month (that is the next month's). Plans, reversals and corrections count whenever they happened.
     */
    public long available(Fund fund, YearMonth month) {
        long owed = -ledger.sum(fund.balance());
        long later = -ledger.sumOfKindAfter(fund.balance(), SettlementService.SPLIT, month.atEndOfMonth());
        return Math.max(0, Math.min(owed, owed - later));
    }

    // ------------------------------------------------------------------------------------------- drafting

    @Transactional
    public PlanView draft(Actor actor, String villageCode, PlanRequest req) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE);
        Village village = registry.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        County county = registry.countyOf(village);
        return draft(actor, new Scope(Fund.village(county.code(), village.code()), village, county), req);
    }

    /** A plan of the county pool, drafted by the county's office (a county approver). */
    @Transactional
    public PlanView draftPool(Actor actor, PlanRequest req) {
        scopes.requireRole(actor, Role.COUNTY_APPROVER);
        County county = registry.county(actor.countyId());
        return draft(actor, new Scope(Fund.pool(county.code()), null, county), req);
    }

    private PlanView draft(Actor actor, Scope scope, PlanRequest req) {
        String why = Audit.requireReason(req.reason());
        YearMonth month = PostService.month(req.period());
        List<Plan> history = scope.pool() ? plans.findByPoolCountyIdOrderByPeriod(scope.county().id())
                : plans.findByVillageIdOrderByPeriod(scope.village().id());
        Plan existing = null;
        for (Plan p : history) {
            YearMonth pm = YearMonth.parse(p.period());
            if (pm.equals(month)) {
                existing = p;
            } else if (pm.isAfter(month)) {
                throw ApiException.conflict("later_plan_exists", "there is already a plan for " + p.period() + "; a "
                        + "fund's plans go month by month, and what " + month + " received is in that plan's balance",
                        "period");
            } else if (p.state() != PlanState.PAYABLE && p.state() != PlanState.RECONCILED) {
                throw ApiException.conflict("earlier_plan_open", "the " + p.period() + " plan is " + p.state()
                        + "; it must be approved before the next month is planned (its money is not yet committed)",
                        "period");
            }
        }
        if (existing != null) {
            existing = plans.requireLocked(existing.id());
            if (existing.state() != PlanState.DRAFT) {
                throw ApiException.conflict("plan_not_draft", "the " + month + " plan of " + scope.name() + " is "
                        + existing.state() + "; only a draft can be recomputed", "period");
            }
        }
        PolicyService.Versioned policy = policies.latest(scope.county().id(), scope.policyScope(), month.getYear());
        List<AllocationRequest.CategoryShare> shares = req.categories() == null ? List.of() : req.categories();
        LocalDate start = month.atDay(1);
        List<String> notes = new ArrayList<>();
        List<AllocationRequest.Line> engineLines = new ArrayList<>();
        if (!scope.pool()) {
            PostService.Wages wages = posts.wages(scope.village().id(), month);
            wages.unpaid().forEach(u -> notes.add(u.why()));
            for (Policy.Category c : policy.policy().categories()) {
                if (c.basis() == Basis.POST_WAGE && shares.stream().anyMatch(s -> s.code().equals(c.code()))) {
                    for (PostService.Wage w : wages.wages()) {
                        HouseholdService.Facts f = households.factsOn(w.householdId(), w.memberId(), start);
                        engineLines.add(new AllocationRequest.Line(c.code(), w.householdId(), w.memberId(), f.status(),
                                f.labour(), null, w.amountFen(), LineBasis.POST, w.reference(), w.postId(), null));
                    }
                }
            }
        }
        List<PlanRequest.Line> asked = req.lines() == null ? List.of() : req.lines();
        Long existingId = existing == null ? null : existing.id();
        for (int i = 0; i < asked.size(); i++) {
            engineLines.add(engineLine(scope, asked.get(i), "lines[" + i + "]", start, existingId));
        }
        long amount = available(scope.fund(), month);
        long opening = available(scope.fund(), month.minusMonths(1));
        AllocationResult result = AllocationEngine.allocate(policy.policy(), new AllocationRequest(amount, shares,
                engineLines));
        Plan plan;
        if (existing == null) {
            plan = plans.save(new Plan(null, scope.pool() ? null : scope.village().id(), month.toString(),
                    PlanState.DRAFT, policy.id(), amount, result.undistributedFen(), null, null, actor.username(),
                    calendar.clock().instant(), scope.pool() ? scope.county().id() : null, null,
                    Math.min(opening, amount)));
        } else {
            lines.deleteByPlanId(existing.id());
            categories.deleteByPlanId(existing.id());
            plan = plans.update(new Plan(existing.id(), existing.villageId(), month.toString(), PlanState.DRAFT,
                    policy.id(), amount, result.undistributedFen(), null, null, existing.createdBy(),
                    existing.createdAt(), existing.poolCountyId(), null, Math.min(opening, amount)));
        }
        for (AllocationResult.CategoryResult c : result.categories()) {
            BigDecimal pct = shares.stream().filter(s -> s.code().equals(c.code())).findFirst().orElseThrow().percent();
            categories.save(new PlanCategory(null, plan.id(), c.code(), pct, c.budgetFen(), c.unspentFen()));
            for (AllocationResult.LineResult l : c.lines()) {
                LineKind kind = l.postId() != null ? LineKind.WAGE : l.projectId() != null ? LineKind.PROJECT
                        : l.householdId() != null ? LineKind.HOUSEHOLD : LineKind.RETAINED;
                lines.save(new PlanLine(null, plan.id(), c.code(), l.householdId(), l.memberId(), l.amountFen(),
                        l.basis(), l.reference(), LinePayment.PENDING, kind, l.postId(), l.projectId()));
            }
        }
        events.save(new PlanEvent(null, plan.id(), Transition.DRAFT, PlanState.DRAFT, PlanState.DRAFT,
                actor.username(), calendar.clock().instant(), why));
        audit.record(actor, existing == null ? "plan.draft" : "plan.redraft", "plan", String.valueOf(plan.id()), why,
                scope.name() + " " + month + ": " + Fen.of(amount) + " (carried forward " + Fen.of(plan.openingFen())
                        + ") under policy v" + policy.policy().version());
        return view(plan, notes);
    }

    /** A line the committee brings, as the engine sees it: the household's facts, or the project checked. */
    private AllocationRequest.Line engineLine(Scope scope, PlanRequest.Line l, String field, LocalDate start,
                                              Long planId) {
        if (l.category() == null) {
            throw ApiException.badRequest("missing_field", "category is required", field + ".category");
        }
        Long householdId = null;
        HouseholdService.Facts facts = null;
        if (l.registrationNo() != null && !l.registrationNo().isBlank()) {
            Household h;
            try {
                h = households.household(l.registrationNo());
            } catch (ApiException e) {
                h = null;
            }
            boolean ours = h != null && (scope.pool()
                    ? registry.countyOf(registry.village(h.villageId())).id().equals(scope.county().id())
                    : h.villageId().equals(scope.village().id()));
            if (!ours) {
                throw ApiException.badRequest("unknown_household", "no household " + l.registrationNo() + " in "
                        + scope.name(), field + ".registrationNo");
            }
            householdId = h.id();
            facts = households.factsOn(h.id(), null, start);
        }
        Long projectId = null;
        if (l.project() != null) {
            Project p;
            try {
                p = projects.project(l.project());
            } catch (ApiException e) {
                p = null;
            }
            boolean ours = p != null && (scope.pool() ? scope.county().id().equals(p.poolCountyId())
                    : scope.village().id().equals(p.villageId()));
            if (!ours) {
                throw ApiException.badRequest("unknown_project", "no project " + l.project() + " of " + scope.name(),
                        field + ".project");
            }
            long elsewhere = lines.projectTotalElsewhere(p.id(), planId == null ? -1L : planId);
            long asked = l.fixedFen() == null ? 0 : l.fixedFen();
            if (Math.addExact(elsewhere, asked) > p.budgetFen()) {
                throw ApiException.badRequest("project_budget_exceeded", "project " + p.name() + " has a budget of "
                        + Fen.of(p.budgetFen()) + "; other plans give it " + Fen.of(elsewhere) + ", this line "
                        + Fen.of(asked), field + ".fixedFen");
            }
            projectId = p.id();
        }
        return new AllocationRequest.Line(l.category(), householdId, null, facts == null ? null : facts.status(),
                facts == null ? null : facts.labour(), l.weight(), l.fixedFen(),
                l.basis() == null ? LineBasis.NONE : l.basis(), l.reference(), null, projectId);
    }

    // ------------------------------------------------------------------------------------------- reading

    @Transactional
    public PlanView get(Actor actor, long planId) {
        Plan plan = plans.require(planId);
        requireScope(actor, plan);
        return view(plan, List.of());
    }

    @Transactional
    public List<PlanView> list(Actor actor, String villageCode) {
        Village village = registry.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        return plans.findByVillageIdOrderByPeriod(village.id()).stream().map(p -> view(p, List.of())).toList();
    }

    /** The county pool's plans: the county's roles (village and township roles see their villages' plans only). */
    @Transactional
    public List<PlanView> listPool(Actor actor) {
        scopes.requireRole(actor, Role.COUNTY_APPROVER, Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.OPERATOR);
        return plans.findByPoolCountyIdOrderByPeriod(actor.countyId()).stream().map(p -> view(p, List.of())).toList();
    }

    public PlanView view(Plan plan, List<String> notes) {
        Scope scope = scopeOf(plan);
        List<PlanView.LineView> lv = new ArrayList<>();
        for (PlanLine l : lines.findByPlanIdOrderById(plan.id())) {
            Household h = l.householdId() == null ? null : households.byId(l.householdId());
            String payee = l.kind() == LineKind.PROJECT ? projects.project(l.projectId()).payeeName()
                    : l.memberId() != null ? households.member(l.memberId()).name()
                    : h == null ? null : h.headName();
            lv.add(new PlanView.LineView(l.id(), l.category(), l.kind().name(), h == null ? null : h.registrationNo(),
                    payee, l.amountFen(), l.basis().name(), l.reference(), l.paymentState().name(), l.projectId()));
        }
        int version = policies.byId(plan.policyId()).version();
        return new PlanView(plan.id(), scope.pool() ? null : scope.village().code(), scope.name(), scope.pool(),
                plan.period(), plan.state(), version, plan.amountFen(), plan.openingFen(),
                plan.amountFen() - plan.openingFen(), plan.undistributedFen(),
                plan.noticeStart() == null ? null : plan.noticeStart().toString(),
                plan.noticeEnd() == null ? null : plan.noticeEnd().toString(),
                categories.findByPlanIdOrderById(plan.id()), lv, objections.findByPlanIdOrderById(plan.id()),
                events.findByPlanIdOrderById(plan.id()), notes, noticeEndsAt(plan));
    }

    // ------------------------------------------------------------------------------------------- for payment

    /** A plan line ready to be paid, with what payment needs to know. */
    public record Payable(long lineId, long planId, String period, Fund fund, LineKind kind, String category,
                          Long householdId, Long memberId, Long postId, Long projectId, long amountFen,
                          String reference, LinePayment state) {
    }

    /**
     * Lines of the county's approved plans that are due and not paid: the plan is PAYABLE (or RECONCILED with a line
     * made due again by a return), its notice ended, and no objection is left unresolved. {@code skipped} gets why a
     * plan's lines are held back.
     */
    @Transactional
    public List<Payable> payable(long countyId, List<String> skipped) {
        List<Payable> out = new ArrayList<>();
        for (Plan plan : plans.findByStateInOrderById(EnumSet.of(PlanState.PAYABLE, PlanState.RECONCILED))) {
            Scope scope = scopeOf(plan);
            if (scope.county().id() != countyId) {
                continue;
            }
            List<PlanLine> due = lines.findByPlanIdOrderById(plan.id()).stream()
                    .filter(l -> l.kind().transferred() && l.amountFen() > 0
                            && l.paymentState() == LinePayment.PENDING).toList();
            if (due.isEmpty()) {
                continue;
            }
            if (notice.running(plan, publishedAt(plan.id()))
                    || objections.countByPlanIdAndOpen(plan.id(), true) > 0) {
                skipped.add("plan " + plan.id() + ": notice not ended or an objection is unresolved");
                continue;
            }
            for (PlanLine l : due) {
                out.add(payable(plan, scope, l));
            }
        }
        return out;
    }

    private Payable payable(Plan plan, Scope scope, PlanLine l) {
        return new Payable(l.id(), plan.id(), plan.period(), scope.fund(), l.kind(), l.category(), l.householdId(),
                l.memberId(), l.postId(), l.projectId(), l.amountFen(), l.reference(), l.paymentState());
    }

    /** Locks a line for a payment step and returns it as it is now. */
    @Transactional
    public Payable lockLine(long lineId) {
        PlanLine l = lines.lockById(lineId).orElseThrow();
        Plan plan = plans.require(l.planId());
        return payable(plan, scopeOf(plan), l);
    }

    /** Payment moved the line ({@link LinePayment}'s table; the caller holds the line's lock). */
    @Transactional
    public void linePayment(long lineId, LinePayment to) {
        PlanLine l = lines.lockById(lineId).orElseThrow();
        if (!l.paymentState().mayBecome(to)) {
            throw new IllegalStateException("plan line " + lineId + " cannot go from " + l.paymentState() + " to " + to);
        }
        lines.update(l.withPaymentState(to));
    }

    /** Who drafted or approved the plan (payment refuses them: the same person does not approve and pay). */
    @Transactional
    public Set<String> involved(long planId) {
        Set<String> who = new LinkedHashSet<>();
        for (PlanEvent e : events.findByPlanIdOrderById(planId)) {
            if (e.transition() == Transition.DRAFT || e.transition().approves()) {
                who.add(e.actor());
            }
        }
        return who;
    }

    /** Whether every line of the plan that is paid by transfer is paid. */
    @Transactional
    public boolean allPaid(long planId) {
        return lines.findByPlanIdOrderById(planId).stream()
                .filter(l -> l.kind().transferred() && l.amountFen() > 0)
                .allMatch(l -> l.paymentState() == LinePayment.PAID);
    }

    @Transactional
    public PlanState state(long planId) {
        return plans.require(planId).state();
    }

    /** A move of the plan's state machine ({@link PlanWorkflow}), e.g. RECONCILE once payment has paid every line. */
    public PlanView move(Actor actor, long planId, Transition t, String reason) {
        return workflow.get().move(actor, planId, t, reason);
    }

    // ------------------------------------------------------------------------------------------- for households

    /** An objection the committee (the county office for the pool) records for someone who raised it in person. */
    public Objection recordObjection(Actor actor, long planId, String text, String raisedBy) {
        return objectionService.get().record(actor, planId, text, raisedBy);
    }

    /** The committee's proposed resolution of an objection; it stands once the township signs it off. */
    public Objection proposeResolution(Actor actor, long planId, long objectionId, String resolution) {
        return objectionService.get().propose(actor, planId, objectionId, resolution);
    }

    /** The township's sign-off (or not) of a proposed resolution. */
    public Objection signOffObjection(Actor actor, long planId, long objectionId, boolean accept, String note) {
        return objectionService.get().signOff(actor, planId, objectionId, accept, note);
    }

    /** An objection filed by a household through its QR page ({@link Objections#file}). */
    public Objection fileObjection(long householdId, Long planId, String text) {
        return objectionService.get().file(householdId, planId, text);
    }

    /** A household's objections and where they stand. */
    public List<Objection> objectionsOf(long householdId) {
        return objectionService.get().ofHousehold(householdId);
    }

    // ------------------------------------------------------------------------------------------- shares

    /** A plan of an owning village for the month of the date, or later, blocks a plain share change from it. */
    @Override
    public List<String> blockers(Station station, LocalDate effectiveFrom, Set<Long> villageIds) {
        YearMonth from = YearMonth.from(effectiveFrom);
        List<String> out = new ArrayList<>();
        Map<Long, Village> vs = new HashMap<>(registry.villages(villageIds));
        for (Long id : villageIds) {
            for (Plan p : plans.findByVillageIdOrderByPeriod(id)) {
                if (!YearMonth.parse(p.period()).isBefore(from)) {
                    out.add("the " + p.period() + " plan of " + vs.get(id).code() + " is " + p.state());
                }
            }
        }
        return out;
    }
}
