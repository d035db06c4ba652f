package org.yangguang.distribution.workflow;

import io.micronaut.context.annotation.Value;
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
import org.yangguang.distribution.household.HouseholdMember;
import org.yangguang.distribution.household.HouseholdMemberRepository;
import org.yangguang.distribution.household.HouseholdRepository;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.post.Attendance;
import org.yangguang.distribution.post.AttendanceRepository;
import org.yangguang.distribution.post.PostService;
import org.yangguang.distribution.post.WelfarePost;
import org.yangguang.distribution.post.WelfarePostRepository;
import org.yangguang.distribution.registry.Station;
import org.yangguang.distribution.registry.StationRepository;
import org.yangguang.distribution.registry.Township;
import org.yangguang.distribution.registry.TownshipRepository;
import org.yangguang.distribution.registry.Village;
import org.yangguang.distribution.registry.VillageRepository;
import org.yangguang.distribution.registry.VillageShareRepository;
import org.yangguang.distribution.revenue.VillageRevenue;
import org.yangguang.distribution.settlement.SettlementService;
import org.yangguang.distribution.time.BusinessCalendar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Village allocation plans and their workflow (issue 5 §5). The amount is the village's share of cash received
 * in the month (never statements or forecasts); post-wage lines come only from posts with attendance for the
 * month (先劳后酬); the plan is computed by {@link AllocationEngine} under the latest policy version. Every move
 * follows {@link Transition}, under a row lock on the plan, and is recorded with who, when and why.
 */
@Singleton
public class PlanService {
    public static final String PENDING = "PENDING";

    private final PlanRepository plans;
    private final PlanCategoryRepository categories;
    private final PlanLineRepository lines;
    private final ObjectionRepository objections;
    private final PlanEventRepository events;
    private final VillageRepository villages;
    private final TownshipRepository townships;
    private final VillageShareRepository shares;
    private final StationRepository stations;
    private final SettlementService settlement;
    private final PolicyService policies;
    private final HouseholdRepository households;
    private final HouseholdMemberRepository members;
    private final HouseholdService householdService;
    private final WelfarePostRepository posts;
    private final AttendanceRepository attendance;
    private final Scopes scopes;
    private final Audit audit;
    private final BusinessCalendar calendar;
    private final int noticeDays;

    public PlanService(PlanRepository plans, PlanCategoryRepository categories, PlanLineRepository lines,
                       ObjectionRepository objections, PlanEventRepository events, VillageRepository villages,
                       TownshipRepository townships, VillageShareRepository shares, StationRepository stations,
                       SettlementService settlement, PolicyService policies, HouseholdRepository households,
                       HouseholdMemberRepository members, HouseholdService householdService,
                       WelfarePostRepository posts, AttendanceRepository attendance, Scopes scopes, Audit audit,
                       BusinessCalendar calendar, @Value("${yangguang.workflow.notice-days:7}") int noticeDays) {
        this.plans = plans;
        this.categories = categories;
        this.lines = lines;
        this.objections = objections;
        this.events = events;
        this.villages = villages;
        this.townships = townships;
        this.shares = shares;
        this.stations = stations;
        this.settlement = settlement;
        this.policies = policies;
        this.households = households;
        this.members = members;
        this.householdService = householdService;
        this.posts = posts;
        this.attendance = attendance;
        this.scopes = scopes;
        this.audit = audit;
        this.calendar = calendar;
        if (noticeDays < 1) {
            throw new IllegalStateException("yangguang.workflow.notice-days must be at least 1");
        }
        this.noticeDays = noticeDays;
    }

    /** The village's cash for a month: its share of each station's distributable receipts. */
    @Transactional
    public long villageAmount(Village village, YearMonth month) {
        long total = 0;
        for (Long stationId : shares.findStationIdsOfVillage(village.id())) {
            Station station = stations.findById(stationId).orElseThrow();
            for (VillageRevenue v : settlement.distributable(station, month.atDay(1), month.atEndOfMonth()).villages()) {
                if (v.village().equals(village.code())) {
                    total = Math.addExact(total, v.revenueFen());
                }
            }
        }
        return total;
    }

    @Transactional
    public PlanView draft(Actor actor, String villageCode, PlanRequest req) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE, Role.ADMIN);
        Village village = villages.requireByCode(villageCode);
        scopes.requireVillage(actor, village);
        String why = Audit.requireReason(req.reason());
        YearMonth month = PostService.month(req.period());
        Plan existing = plans.findByVillageIdAndPeriod(village.id(), month.toString()).orElse(null);
        if (existing != null) {
            existing = plans.lockById(existing.id()).orElseThrow();
            if (existing.state() != PlanState.DRAFT) {
                throw ApiException.conflict("plan_not_draft", "the " + month + " plan of " + villageCode + " is "
                        + existing.state() + "; only a draft can be recomputed", "period");
            }
        }
        LocalDate start = month.atDay(1);
        PolicyService.Versioned policy = policies.latest(townships.findById(village.townshipId()).orElseThrow()
                .countyId(), month.getYear());
        List<String> notes = new ArrayList<>();
        List<AllocationRequest.Line> engineLines = new ArrayList<>();
        for (Policy.Category c : policy.policy().categories()) {
            if (c.basis() == Basis.POST_WAGE && req.categories() != null
                    && req.categories().stream().anyMatch(s -> s.code().equals(c.code()))) {
                engineLines.addAll(postLines(village, month, c.code(), notes));
            }
        }
        List<PlanRequest.Line> asked = req.lines() == null ? List.of() : req.lines();
        for (int i = 0; i < asked.size(); i++) {
            PlanRequest.Line l = asked.get(i);
            String field = "lines[" + i + "]";
            Long householdId = null;
            var status = (org.yangguang.distribution.household.HouseholdStatus) null;
            var labour = (org.yangguang.distribution.household.LabourCapacity) null;
            if (l.registrationNo() != null) {
                Household h = households.findByRegistrationNo(l.registrationNo()).filter(x -> x.villageId()
                        .equals(village.id())).orElseThrow(() -> ApiException.badRequest("unknown_household",
                        "no household " + l.registrationNo() + " in " + villageCode, field + ".registrationNo"));
                householdId = h.id();
                status = householdService.statusOn(h.id(), start);
                labour = h.labourCapacity();
            }
            engineLines.add(new AllocationRequest.Line(l.category(), householdId, null, status, labour, l.weight(),
                    l.fixedFen(), l.basis() == null ? LineBasis.NONE : l.basis(), l.reference()));
        }
        long amount = villageAmount(village, month);
        AllocationResult result = AllocationEngine.allocate(policy.policy(), new AllocationRequest(amount,
                req.categories() == null ? List.of() : req.categories(), engineLines));
        Plan plan;
        if (existing == null) {
            plan = plans.save(new Plan(null, village.id(), month.toString(), PlanState.DRAFT, policy.id(), amount,
                    result.undistributedFen(), null, null, actor.username(), calendar.clock().instant()));
        } else {
            lines.deleteByPlanId(existing.id());
            categories.deleteByPlanId(existing.id());
            plan = plans.update(new Plan(existing.id(), village.id(), month.toString(), PlanState.DRAFT, policy.id(),
                    amount, result.undistributedFen(), null, null, existing.createdBy(), existing.createdAt()));
        }
        for (AllocationResult.CategoryResult c : result.categories()) {
            BigDecimal pct = req.categories().stream().filter(s -> s.code().equals(c.code())).findFirst()
                    .orElseThrow().percent();
            categories.save(new PlanCategory(null, plan.id(), c.code(), pct, c.budgetFen(), c.unspentFen()));
            for (AllocationResult.LineResult l : c.lines()) {
                lines.save(new PlanLine(null, plan.id(), c.code(), l.householdId(), l.memberId(), l.amountFen(),
                        l.basis(), l.reference(), PENDING));
            }
        }
        audit.record(actor, existing == null ? "plan.draft" : "plan.redraft", "plan", String.valueOf(plan.id()), why,
                villageCode + " " + month + ": " + Fen.of(amount) + " under policy v" + policy.policy().version());
        return view(plan, notes);
    }

    private List<AllocationRequest.Line> postLines(Village village, YearMonth month, String category,
                                                   List<String> notes) {
        List<AllocationRequest.Line> out = new ArrayList<>();
        for (WelfarePost p : posts.findByVillageIdOrderById(village.id())) {
            if (!p.covers(month)) {
                continue;
            }
            Attendance a = attendance.findByPostIdAndPeriod(p.id(), month.toString()).orElse(null);
            if (a == null) {
                notes.add("post " + p.id() + " (" + p.postType() + ") has no attendance for " + month + ": not paid");
                continue;
            }
            HouseholdMember m = members.findById(p.holderMemberId()).orElseThrow();
            // wage for work done: monthly wage × days worked / days required, half up to the fen
            long wage = Fen.roundHalfUp(BigDecimal.valueOf(p.monthlyWageFen()).multiply(BigDecimal.valueOf(a.daysWorked()))
                    .divide(BigDecimal.valueOf(a.daysRequired()), 10, java.math.RoundingMode.HALF_UP)).value();
            out.add(new AllocationRequest.Line(category, m.householdId(), m.id(),
                    householdService.statusOn(m.householdId(), month.atDay(1)), m.labourCapacity(), null, wage,
                    LineBasis.POST, "post " + p.id() + " " + month + " " + a.daysWorked() + "/" + a.daysRequired()));
        }
        return out;
    }

    @Transactional
    public PlanView move(Actor actor, long planId, Transition t, String reason) {
        String why = Audit.requireReason(reason);
        Plan plan = plans.requireLocked(planId);
        Village village = villages.findById(plan.villageId()).orElseThrow();
        if (actor.role() != t.role) {
            throw Scopes.forbidden(t + " is done by " + t.role + ", not " + actor.role());
        }
        scopes.requireVillage(actor, village);
        if (plan.state() != t.from) {
            throw ApiException.conflict("invalid_transition", "plan " + planId + " is " + plan.state() + "; " + t
                    + " needs " + t.from, "transition");
        }
        LocalDate today = calendar.today();
        Plan next = plan.with(t.to);
        switch (t) {
            case PUBLISH -> next = next.noticed(today, today.plusDays(noticeDays));
            case SUBMIT -> {
                if (today.isBefore(plan.noticeEnd())) {
                    throw ApiException.conflict("notice_running", "the public notice runs until " + plan.noticeEnd()
                            + " (" + noticeDays + " days from " + plan.noticeStart() + ")", "transition");
                }
                long open = objections.countByPlanIdAndOpen(planId, true);
                if (open > 0) {
                    throw ApiException.conflict("open_objections", open + " objection(s) to the plan are not "
                            + "resolved", "transition");
                }
            }
            case TOWNSHIP_RETURN, COUNTY_RETURN -> next = next.noticed(null, null);
            case RECONCILE -> {
                boolean allPaid = lines.findByPlanIdOrderById(planId).stream()
                        .filter(l -> l.householdId() != null && l.amountFen() > 0)
                        .allMatch(l -> "PAID".equals(l.paymentState()));
                if (!allPaid) {
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
        return view(next, List.of());
    }

    @Transactional
    public Objection object(Actor actor, long planId, String text, String raisedBy) {
        Plan plan = plans.requireLocked(planId);
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE);
        scopes.requireVillage(actor, villages.findById(plan.villageId()).orElseThrow());
        if (plan.state() != PlanState.NOTICE) {
            throw ApiException.conflict("not_in_notice", "objections are recorded while the plan is publicly "
                    + "posted; it is " + plan.state(), "planId");
        }
        if (text == null || text.isBlank() || raisedBy == null || raisedBy.isBlank()) {
            throw ApiException.badRequest("missing_field", "an objection needs its text and who raised it", "text");
        }
        Objection o = objections.save(new Objection(null, planId, text.strip(), raisedBy.strip(), calendar.today(),
                true, null, null));
        audit.record(actor, "plan.objection", "plan", String.valueOf(planId), "objection by " + raisedBy, text);
        return o;
    }

    @Transactional
    public Objection resolve(Actor actor, long planId, long objectionId, String resolution) {
        Plan plan = plans.requireLocked(planId);
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE);
        scopes.requireVillage(actor, villages.findById(plan.villageId()).orElseThrow());
        Objection o = objections.findById(objectionId).filter(x -> x.planId() == planId).orElseThrow(() ->
                ApiException.notFound("unknown_objection", "no objection " + objectionId + " on plan " + planId,
                        "objectionId"));
        if (!o.open()) {
            throw ApiException.conflict("objection_resolved", "objection " + objectionId + " is already resolved",
                    "objectionId");
        }
        String why = Audit.requireReason(resolution);
        Objection done = objections.update(new Objection(o.id(), planId, o.text(), o.raisedBy(), o.raisedOn(), false,
                why, actor.username()));
        audit.record(actor, "plan.objection_resolved", "plan", String.valueOf(planId), why, "objection " + objectionId);
        return done;
    }

    @Transactional
    public PlanView get(Actor actor, long planId) {
        Plan plan = plans.require(planId);
        scopes.requireVillage(actor, villages.findById(plan.villageId()).orElseThrow());
        return view(plan, List.of());
    }

    @Transactional
    public List<PlanView> list(Actor actor, String villageCode) {
        Village village = villages.requireByCode(villageCode);
        scopes.requireVillage(actor, village);
        return plans.findByVillageIdOrderByPeriod(village.id()).stream().map(p -> view(p, List.of())).toList();
    }

    public PlanView view(Plan plan, List<String> notes) {
        Village v = villages.findById(plan.villageId()).orElseThrow();
        List<PlanView.LineView> lv = new ArrayList<>();
        for (PlanLine l : lines.findByPlanIdOrderById(plan.id())) {
            Household h = l.householdId() == null ? null : households.findById(l.householdId()).orElseThrow();
            String payee = l.memberId() != null ? members.findById(l.memberId()).map(HouseholdMember::name).orElse(null)
                    : h == null ? null : h.headName();
            lv.add(new PlanView.LineView(l.id(), l.category(), h == null ? null : h.registrationNo(), payee,
                    l.amountFen(), l.basis().name(), l.reference(), l.paymentState()));
        }
        int version = policies.byId(plan.policyId()).version();
        return new PlanView(plan.id(), v.code(), v.name(), plan.period(), plan.state(), version, plan.amountFen(),
                plan.undistributedFen(), plan.noticeStart() == null ? null : plan.noticeStart().toString(),
                plan.noticeEnd() == null ? null : plan.noticeEnd().toString(),
                categories.findByPlanIdOrderById(plan.id()), lv, objections.findByPlanIdOrderById(plan.id()),
                events.findByPlanIdOrderById(plan.id()), notes);
    }

    Township township(Village v) {
        return townships.findById(v.townshipId()).orElseThrow();
    }
}
