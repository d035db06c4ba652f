package org.yangguang.distribution.allocation;

import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.ShareSplit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allocates a fund's amount under a policy. Pure: the same request and policy always give the same result, which is
 * what makes the property tests and the re-check at approval meaningful.
 *
 * <ol>
 *   <li>Checks the plan's categories against the policy: known, not forbidden (refused citing the rule),
 *   within each category's minimum and maximum percent, group minimums met, Σ ≤ 100 %.</li>
 *   <li>Category budgets: {@link ShareSplit} of the amount by the percents of 100; ties go to the category listed
 *   first in the policy, the undistributed rest last.</li>
 *   <li>Lines. POST_WAGE lines are wages from posts and attendance (each names its post; a line a client typed has
 *   none and is refused: 先劳后酬); PROJECT lines pay a project, never a household; WEIGHTED splits the whole budget
 *   by weight, ties to the lower household id; RETAINED keeps the budget as one collective line. <b>Every line that
 *   pays a household, whatever its category, must be eligible</b> by status and labour capacity. Fixed lines must fit
 *   the budget (the rest is unspent); a per-household cap trims a line and what is trimmed stays unspent.</li>
 *   <li>A flat per-head split is refused: two or more household lines of equal weight, none with a post,
 *   labour record or reviewed application behind it (the policy's flatPerHeadRule is cited).</li>
 *   <li><b>The policy's bounds are checked again on the money the lines actually pay</b> (their share of all the
 *   money the plan's lines pay, collective retention included, within the one fen per category that rounding may
 *   move): declaring 80 % for posts and public works and paying 18.7 % is refused, whatever the percents say.</li>
 *   <li>Conservation to the fen is checked at both levels.</li>
 * </ol>
 * Refusals are {@link ApiException}s (400, code {@code policy_violation} or a more specific one) whose message
 * names the rule and whose field points into the request.
 */
public final class AllocationEngine {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AllocationEngine() {
    }

    public static AllocationResult allocate(Policy policy, AllocationRequest request) {
        if (request.amountFen() < 0) {
            throw ApiException.badRequest("negative_amount", "the amount to allocate is negative", "amountFen");
        }
        List<AllocationRequest.CategoryShare> shares = checkCategories(policy, request.categories());
        List<BigDecimal> percents = new ArrayList<>();
        for (AllocationRequest.CategoryShare s : shares) {
            percents.add(s.percent());
        }
        ShareSplit.Result budgets = ShareSplit.split(Fen.of(request.amountFen()), percents, HUNDRED);

        List<AllocationResult.CategoryResult> results = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            Policy.Category category = policy.category(shares.get(i).code()).orElseThrow();
            List<AllocationRequest.Line> lines = new ArrayList<>();
            for (int k = 0; k < request.lines().size(); k++) {
                AllocationRequest.Line line = request.lines().get(k);
                if (line.category().equals(category.code())) {
                    checkLine(policy, category, line, "lines[" + k + "]");
                    lines.add(line);
                }
            }
            results.add(allocateCategory(policy, category, budgets.part(i).value(), lines));
        }
        for (int k = 0; k < request.lines().size(); k++) {
            String c = request.lines().get(k).category();
            if (shares.stream().noneMatch(s -> s.code().equals(c))) {
                throw ApiException.badRequest("line_without_category", "line " + k + " is for category " + c
                        + ", which the plan gives no share", "lines[" + k + "].category");
            }
        }
        AllocationResult result = new AllocationResult(request.amountFen(), results, budgets.rest().value());
        requireConserved(result);
        checkPaid(policy, result);
        return result;
    }

    /**
     * The checks again, on a plan as stored (at approval, under the latest policy): declared percents, each household
     * line's eligibility with its facts as recorded now ({@code householdLines}), and the bounds on what the lines
     * pay. Weighted lines are not re-split: their amounts are the plan's.
     */
    public static void recheck(Policy policy, List<AllocationRequest.CategoryShare> shares,
                               List<AllocationRequest.Line> householdLines, AllocationResult stored) {
        checkCategories(policy, shares);
        for (int k = 0; k < householdLines.size(); k++) {
            AllocationRequest.Line l = householdLines.get(k);
            Policy.Category c = policy.category(l.category()).orElseThrow(() -> ApiException.badRequest(
                    "unknown_category", "the policy no longer has category " + l.category(), "categories"));
            checkLine(policy, c, l, "lines[" + k + "]");
        }
        requireConserved(stored);
        checkPaid(policy, stored);
    }

    /** Both conservation levels; throws {@link Conservation.ConservationViolation}. */
    public static void requireConserved(AllocationResult r) {
        List<Fen> parts = new ArrayList<>();
        for (AllocationResult.CategoryResult c : r.categories()) {
            parts.add(Fen.of(c.budgetFen()));
            List<Fen> inCategory = new ArrayList<>();
            c.lines().forEach(l -> inCategory.add(Fen.of(l.amountFen())));
            inCategory.add(Fen.of(c.unspentFen()));
            Conservation.require(Fen.of(c.budgetFen()), inCategory, "category " + c.code());
        }
        parts.add(Fen.of(r.undistributedFen()));
        Conservation.require(Fen.of(r.amountFen()), parts, "village allocation");
    }

    /**
     * The policy's bounds on what the lines pay: each category's and each group's share of all the money paid by
     * the plan's lines (retention included). Nothing paid: nothing to check.
     */
    public static void checkPaid(Policy policy, AllocationResult r) {
        long paid = 0;
        for (AllocationResult.CategoryResult c : r.categories()) {
            paid = Math.addExact(paid, paidBy(c));
        }
        if (paid == 0) {
            return;
        }
        BigDecimal base = BigDecimal.valueOf(paid);
        // one fen of slack per category: splitting by largest remainder moves at most a fen (3 fen at 80/20 are 2/1)
        BigDecimal fen = HUNDRED;
        for (AllocationResult.CategoryResult c : r.categories()) {
            Policy.Category pc = policy.category(c.code()).orElseThrow();
            BigDecimal share = BigDecimal.valueOf(paidBy(c)).multiply(HUNDRED);
            if (share.compareTo(pc.maxPercent().multiply(base).add(fen)) > 0
                    || share.compareTo(pc.minPercent().multiply(base).subtract(fen)) < 0) {
                throw ApiException.badRequest("paid_share_violation", "the lines of " + c.code() + " pay "
                        + percent(paidBy(c), paid) + " % of the " + Fen.of(paid) + " this plan pays; the policy "
                        + "allows " + plain(pc.minPercent()) + "-" + plain(pc.maxPercent()) + " % (" + policy.source()
                        + "). Declared percents do not count, the money the lines pay does", "lines");
            }
        }
        for (Policy.GroupMinimum g : policy.groupMinimums()) {
            long sum = 0;
            for (AllocationResult.CategoryResult c : r.categories()) {
                if (g.categories().contains(c.code())) {
                    sum = Math.addExact(sum, paidBy(c));
                }
            }
            BigDecimal slack = fen.multiply(BigDecimal.valueOf(g.categories().size()));
            if (BigDecimal.valueOf(sum).multiply(HUNDRED).compareTo(g.minPercent().multiply(base).subtract(slack)) < 0) {
                throw ApiException.badRequest("paid_share_violation", String.join(" + ", g.categories()) + " lines pay "
                        + percent(sum, paid) + " % of the " + Fen.of(paid) + " this plan pays, at least "
                        + plain(g.minPercent()) + " % required (" + g.rule() + "). Declared percents do not count, "
                        + "the money the lines pay does", "lines");
            }
        }
    }

    private static long paidBy(AllocationResult.CategoryResult c) {
        long sum = 0;
        for (AllocationResult.LineResult l : c.lines()) {
            sum = Math.addExact(sum, l.amountFen());
        }
        return sum;
    }

    private static String percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static List<AllocationRequest.CategoryShare> checkCategories(Policy policy,
                                                                        List<AllocationRequest.CategoryShare> asked) {
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < asked.size(); i++) {
            AllocationRequest.CategoryShare s = asked.get(i);
            String field = "categories[" + i + "]";
            for (Policy.Forbidden f : policy.forbidden()) {
                if (f.code().equals(s.code())) {
                    throw ApiException.badRequest("forbidden_category", "category " + s.code() + " is forbidden: "
                            + f.rule(), field + ".code");
                }
            }
            policy.category(s.code()).orElseThrow(() -> ApiException.badRequest(
                    "unknown_category", "policy " + policy.county() + "/" + policy.year() + " v" + policy.version()
                            + " has no category " + s.code(), field + ".code"));
            if (!seen.add(s.code())) {
                throw ApiException.badRequest("duplicate_category", "category " + s.code() + " appears twice",
                        field + ".code");
            }
            if (s.percent() == null || s.percent().signum() < 0 || s.percent().compareTo(HUNDRED) > 0) {
                throw ApiException.badRequest("bad_percent", "percent of " + s.code() + " must be 0-100",
                        field + ".percent");
            }
            if (s.percent().stripTrailingZeros().scale() > 6) {
                throw ApiException.badRequest("bad_percent", "percent of " + s.code() + " has more than 6 decimals",
                        field + ".percent");
            }
            total = total.add(s.percent());
        }
        if (total.compareTo(HUNDRED) > 0) {
            throw ApiException.badRequest("categories_exceed_100", "category percents add up to "
                    + plain(total) + " %, more than 100 %", "categories");
        }
        for (Policy.Category c : policy.categories()) {
            BigDecimal p = percentOf(asked, c.code());
            if (p.compareTo(c.minPercent()) < 0 || p.compareTo(c.maxPercent()) > 0) {
                throw ApiException.badRequest("policy_violation", "category " + c.code() + " gets "
                        + plain(p) + " %, the policy allows " + plain(c.minPercent()) + "-" + plain(c.maxPercent())
                        + " % (" + policy.source() + ")", "categories");
            }
        }
        for (Policy.GroupMinimum g : policy.groupMinimums()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String code : g.categories()) {
                sum = sum.add(percentOf(asked, code));
            }
            if (sum.compareTo(g.minPercent()) < 0) {
                throw ApiException.badRequest("policy_violation", String.join(" + ", g.categories()) + " get "
                        + plain(sum) + " %, at least " + plain(g.minPercent()) + " % required (" + g.rule() + ")",
                        "categories");
            }
        }
        List<AllocationRequest.CategoryShare> ordered = new ArrayList<>(asked);
        ordered.sort(Comparator.comparingInt(s -> policy.order(s.code())));
        return ordered;
    }

    private static BigDecimal percentOf(List<AllocationRequest.CategoryShare> asked, String code) {
        return asked.stream().filter(s -> s.code().equals(code)).map(AllocationRequest.CategoryShare::percent)
                .findFirst().orElse(BigDecimal.ZERO);
    }

    private static void checkLine(Policy policy, Policy.Category c, AllocationRequest.Line line, String field) {
        if (line.householdId() != null) {
            // every line that pays a household is judged, whatever its category (issue 12 §2)
            if (c.basis() == Basis.PROJECT || c.basis() == Basis.RETAINED) {
                throw ApiException.badRequest("project_pays_household", c.code() + " money goes to a project's payee "
                        + "or the collective, never to a household line", field + ".registrationNo");
            }
            if (line.status() == null || line.labour() == null) {
                throw ApiException.badRequest("missing_field", "a " + c.code() + " line needs a household with "
                        + "status and labour capacity", field + ".registrationNo");
            }
            if (c.eligibleStatuses() != null && !c.eligibleStatuses().contains(line.status())) {
                throw ApiException.badRequest("not_eligible", "the household has status " + line.status() + " on the "
                        + "period's first day; " + c.code() + " is for " + c.eligibleStatuses() + " ("
                        + policy.source() + ")", field + ".registrationNo");
            }
            if (!c.labour().admits(line.labour())) {
                throw ApiException.badRequest("not_eligible", "the household (or member) has labour capacity "
                        + line.labour() + "; " + c.code() + " requires " + c.labour(), field + ".registrationNo");
            }
        }
        switch (c.basis()) {
            case POST_WAGE -> {
                if (line.postId() == null || line.basis() != LineBasis.POST || line.householdId() == null) {
                    throw ApiException.badRequest("wage_line_typed", c.code() + " lines are made from posts and "
                            + "their attendance only (先劳后酬); a wage line cannot be written into a plan",
                            field + ".category");
                }
                if (line.fixedFen() == null || line.fixedFen() < 0) {
                    throw ApiException.badRequest("missing_field", c.code() + " lines need a wage", field);
                }
            }
            case PROJECT -> {
                if (line.projectId() == null) {
                    throw ApiException.badRequest("missing_field", c.code() + " lines name a project (its payee is "
                            + "paid, never a household)", field + ".project");
                }
                if (line.fixedFen() == null || line.fixedFen() <= 0) {
                    throw ApiException.badRequest("missing_field", c.code() + " lines need a positive fixedFen",
                            field + ".fixedFen");
                }
            }
            case WEIGHTED -> {
                if (line.householdId() == null) {
                    throw ApiException.badRequest("missing_field", c.code() + " lines pay a household: give its "
                            + "registration number", field + ".registrationNo");
                }
                if (line.basis() == LineBasis.POST || line.postId() != null) {
                    throw ApiException.badRequest("wage_line_typed", "a line citing a post is a wage, made from the "
                            + "post's attendance only (先劳后酬)", field + ".basis");
                }
                if (line.weight() == null || line.weight().signum() < 0) {
                    throw ApiException.badRequest("missing_field", c.code() + " lines need a non-negative weight",
                            field + ".weight");
                }
            }
            case RETAINED -> throw ApiException.badRequest("retained_has_no_lines", c.code()
                    + " is kept by the collective and takes no lines", field);
        }
    }

    private static AllocationResult.CategoryResult allocateCategory(Policy policy, Policy.Category c, long budget,
                                                                   List<AllocationRequest.Line> lines) {
        List<AllocationResult.LineResult> out = new ArrayList<>();
        switch (c.basis()) {
            case RETAINED -> {
                out.add(new AllocationResult.LineResult(c.code(), null, null, budget, LineBasis.NONE, "collective",
                        null, null));
                return new AllocationResult.CategoryResult(c.code(), budget, out, 0);
            }
            case POST_WAGE, PROJECT -> {
                long sum = 0;
                for (AllocationRequest.Line l : lines) {
                    long amount = capped(c, l.fixedFen());
                    sum = Math.addExact(sum, amount);
                    out.add(new AllocationResult.LineResult(c.code(), l.householdId(), l.memberId(), amount, l.basis(),
                            l.reference(), l.postId(), l.projectId()));
                }
                if (sum > budget) {
                    throw ApiException.badRequest("budget_exceeded", c.code() + " lines need " + Fen.of(sum)
                            + " but the category's budget is " + Fen.of(budget), "categories");
                }
                return new AllocationResult.CategoryResult(c.code(), budget, out, budget - sum);
            }
            case WEIGHTED -> {
                refuseFlatPerHead(policy, c, lines);
                if (lines.stream().map(AllocationRequest.Line::householdId).distinct().count() != lines.size()) {
                    throw ApiException.badRequest("household_twice", c.code() + " lists a household more than once;"
                            + " give it one line with the summed weight", "lines");
                }
                List<AllocationRequest.Line> ordered = new ArrayList<>(lines);
                ordered.sort(Comparator.comparing(AllocationRequest.Line::householdId));
                List<BigDecimal> weights = new ArrayList<>();
                ordered.forEach(l -> weights.add(l.weight()));
                boolean anyWeight = weights.stream().anyMatch(w -> w.signum() > 0);
                List<Fen> parts = anyWeight ? ShareSplit.byWeights(Fen.of(budget), weights) : null;
                long sum = 0;
                for (int i = 0; i < ordered.size(); i++) {
                    AllocationRequest.Line l = ordered.get(i);
                    long amount = capped(c, parts == null ? 0 : parts.get(i).value());
                    sum += amount;
                    out.add(new AllocationResult.LineResult(c.code(), l.householdId(), l.memberId(), amount, l.basis(),
                            l.reference(), null, null));
                }
                return new AllocationResult.CategoryResult(c.code(), budget, out, budget - sum);
            }
            default -> throw new IllegalStateException("unknown basis " + c.basis());
        }
    }

    private static long capped(Policy.Category c, long amount) {
        return c.perHouseholdCapFen() == null ? amount : Math.min(amount, c.perHouseholdCapFen());
    }

    private static void refuseFlatPerHead(Policy policy, Policy.Category c, List<AllocationRequest.Line> lines) {
        List<AllocationRequest.Line> unfounded = lines.stream().filter(l -> l.basis() == LineBasis.NONE).toList();
        if (unfounded.size() >= 2 && unfounded.stream().map(l -> l.weight().stripTrailingZeros()).distinct().count() == 1) {
            throw ApiException.badRequest("flat_per_head_split", c.code() + " pays " + unfounded.size()
                    + " households equal amounts with no post, labour or reviewed application behind them: a flat "
                    + "per-head split is forbidden (" + policy.flatPerHeadRule() + ")", "lines");
        }
    }
}
