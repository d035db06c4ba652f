package org.yangguang.distribution.post;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.access.Actor;
import org.yangguang.distribution.access.Audit;
import org.yangguang.distribution.access.Role;
import org.yangguang.distribution.access.Scopes;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.household.Household;
import org.yangguang.distribution.household.HouseholdMember;
import org.yangguang.distribution.household.HouseholdService;
import org.yangguang.distribution.household.LabourCapacity;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.registry.Registry;
import org.yangguang.distribution.registry.Village;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Welfare posts and attendance, the post package's facade. Rules: the holder lives in the post's village and can
 * work (a post is paid labour, 按劳取酬); <b>no one holds two paid posts at once</b> (DOMAIN.md invariants) — checked
 * under a row lock on the person so two concurrent assignments cannot both pass; attendance is recorded once per
 * post and month, inside the post's term, with days worked ≤ days required, by the village committee (the admin
 * records no facts that turn into money). {@link #wages} is the only source of wage lines (先劳后酬).
 */
@Singleton
public class PostService {
    private final WelfarePostRepository posts;
    private final AttendanceRepository attendance;
    private final HouseholdService households;
    private final Registry villages;
    private final Scopes scopes;
    private final Audit audit;
    private final Clock clock;

    public PostService(WelfarePostRepository posts, AttendanceRepository attendance, HouseholdService households,
                       Registry villages, Scopes scopes, Audit audit, Clock clock) {
        this.posts = posts;
        this.attendance = attendance;
        this.households = households;
        this.villages = villages;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public WelfarePost create(Actor actor, String villageCode, NewPost p) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE);
        Village village = villages.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        String reason = Audit.requireReason(p.reason());
        if (p.type() == null) {
            throw ApiException.badRequest("missing_field", "type is required", "type");
        }
        if (p.monthlyWageFen() == null || p.monthlyWageFen() <= 0) {
            throw ApiException.badRequest("bad_wage", "monthlyWageFen must be a positive number of fen",
                    "monthlyWageFen");
        }
        org.yangguang.distribution.api.Inputs.positiveFen(p.monthlyWageFen(), "monthlyWageFen");
        if (p.termStart() == null || p.termEnd() == null || p.termEnd().isBefore(p.termStart())) {
            throw ApiException.badRequest("bad_term", "termStart and termEnd are required, termEnd not before "
                    + "termStart", "termEnd");
        }
        if (p.holderMemberId() == null) {
            throw ApiException.badRequest("missing_field", "holderMemberId is required", "holderMemberId");
        }
        HouseholdMember holder = households.lockMember(p.holderMemberId());
        Household household = households.byId(holder.householdId());
        if (!household.villageId().equals(village.id())) {
            throw ApiException.badRequest("holder_outside_village", "the holder is registered in another village",
                    "holderMemberId");
        }
        if (holder.labourCapacity() == LabourCapacity.NONE) {
            throw ApiException.badRequest("holder_cannot_work", "a welfare post is paid work; the holder has no "
                    + "labour capacity (support them through rewards and subsidies instead)", "holderMemberId");
        }
        for (WelfarePost other : posts.findByHolderMemberId(holder.id())) {
            if (!other.termStart().isAfter(p.termEnd()) && !other.termEnd().isBefore(p.termStart())) {
                throw ApiException.conflict("two_paid_posts", "the holder already has post " + other.id() + " ("
                        + other.postType() + ", " + other.termStart() + " to " + other.termEnd()
                        + "); no one holds two paid posts at once", "holderMemberId");
            }
        }
        WelfarePost post = posts.save(new WelfarePost(null, village.id(), p.type(), holder.id(), p.monthlyWageFen(),
                p.termStart(), p.termEnd()));
        audit.record(actor, "post.create", "welfare_post", String.valueOf(post.id()), reason, p.type() + " in "
                + villageCode + " for member " + holder.id() + ", " + p.monthlyWageFen() + " fen/month, "
                + p.termStart() + " to " + p.termEnd());
        return post;
    }

    @Transactional
    public Attendance recordAttendance(Actor actor, long postId, String period, int daysWorked, int daysRequired,
                                       String reason) {
        scopes.requireRole(actor, Role.VILLAGE_COMMITTEE);
        WelfarePost post = posts.findById(postId).orElseThrow(() -> ApiException.notFound("unknown_post",
                "no welfare post " + postId, "postId"));
        scopes.requireVillage(actor, villages.village(post.villageId()));
        String why = Audit.requireReason(reason);
        YearMonth month = month(period);
        if (!post.covers(month)) {
            throw ApiException.badRequest("outside_term", "post " + postId + " runs " + post.termStart() + " to "
                    + post.termEnd() + ", not in " + month, "period");
        }
        if (daysRequired <= 0 || daysWorked < 0 || daysWorked > daysRequired) {
            throw ApiException.badRequest("bad_attendance", "need 0 <= daysWorked <= daysRequired and "
                    + "daysRequired > 0", "daysWorked");
        }
        if (attendance.findByPostIdAndPeriod(postId, month.toString()).isPresent()) {
            throw ApiException.conflict("attendance_exists", "attendance of post " + postId + " for " + month
                    + " is already recorded", "period");
        }
        Attendance a = attendance.save(new Attendance(null, postId, month.toString(), daysWorked, daysRequired,
                actor.username(), clock.instant()));
        audit.record(actor, "post.attendance", "welfare_post", String.valueOf(postId), why, month + ": "
                + daysWorked + "/" + daysRequired + " days");
        return a;
    }

    @Transactional
    public List<WelfarePost> list(Actor actor, String villageCode) {
        Village village = villages.requireVillage(villageCode, "village");
        scopes.requireVillage(actor, village);
        return posts.findByVillageIdOrderById(village.id());
    }

    /** A wage earned: post, person, and the amount for the month's attendance. */
    public record Wage(long postId, PostType type, long memberId, long householdId, String idNumber, long amountFen,
                       String reference) {
    }

    /** Posts of the village covering the month that have no attendance for it (and so earn nothing). */
    public record Unpaid(long postId, PostType type, String why) {
    }

    public record Wages(List<Wage> wages, List<Unpaid> unpaid) {
    }

    /**
     * Wages of the village's posts for a month, from the posts and their attendance only (先劳后酬): monthly wage ×
     * days worked / days required, rounded half up to the fen. A post without attendance earns nothing.
     */
    @Transactional
    public Wages wages(long villageId, YearMonth month) {
        List<Wage> out = new ArrayList<>();
        List<Unpaid> unpaid = new ArrayList<>();
        for (WelfarePost p : posts.findByVillageIdOrderById(villageId)) {
            if (!p.covers(month)) {
                continue;
            }
            Attendance a = attendance.findByPostIdAndPeriod(p.id(), month.toString()).orElse(null);
            if (a == null) {
                unpaid.add(new Unpaid(p.id(), p.postType(), "post " + p.id() + " (" + p.postType()
                        + ") has no attendance for " + month + ": not paid"));
                continue;
            }
            HouseholdMember m = households.member(p.holderMemberId());
            long wage = Fen.roundHalfUp(BigDecimal.valueOf(p.monthlyWageFen()).multiply(BigDecimal.valueOf(
                    a.daysWorked())).divide(BigDecimal.valueOf(a.daysRequired()), 10, RoundingMode.HALF_UP)).value();
            out.add(new Wage(p.id(), p.postType(), m.id(), m.householdId(), m.idNumber(), wage, "post " + p.id() + " "
                    + month + " " + a.daysWorked() + "/" + a.daysRequired()));
        }
        return new Wages(out, unpaid);
    }

    public static YearMonth month(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeException | NullPointerException e) {
            throw ApiException.badRequest("bad_period", "period must be a month as yyyy-MM: '" + period + "'",
                    "period");
        }
    }
}
