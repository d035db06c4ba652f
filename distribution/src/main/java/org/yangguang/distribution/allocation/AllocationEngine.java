package org.yangguang.distribution.allocation;

import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.money.Conservation;
import org.yangguang.distribution.money.Fen;
import org.yangguang.distribution.money.LargestRemainder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allocates a village's distributable amount under a policy. Pure: the same request and policy always give the
 * same result, which is what makes the property tests and the re-computation on approval meaningful.
 *
 * <ol>
 *   <li>Checks the plan's categories against the policy: known, not forbidden (refused citing the rule),
 *   within each category's minimum and maximum percent, group minimums met (e.g. posts + public-works labour
 *   ≥ 80 %), Σ ≤ 100 %.</li>
 *   <li>Category budgets: largest remainder over the category percents plus "undistributed" (100 % − Σ);
 *   ties go to the category listed first in the policy, undistributed last.</li>
 *   <li>Lines: POST_WAGE and PROJECT lines are fixed amounts that must fit the budget (the rest is unspent);
 *   WEIGHTED splits the whole budget by weight, largest remainder, ties to the lower household id; RETAINED
 *   keeps the budget as one collective line. Each household line must be eligible by status and labour
 *   capacity. A per-household cap trims a line; what is trimmed stays unspent in the category.</li>
 *   <li>A flat per-head split is refused: two or more household lines of equal weight, none with a post,
 *   labour record or reviewed application behind it (the policy's flatPerHeadRule is cited).</li>
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
        // budgets
        List<BigDecimal> weights = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (AllocationRequest.CategoryShare s : shares) {
            weights.add(s.percent());
            total = total.add(s.percent());
        }
        weights.add(HUNDRED.subtract(total));
        long[] budgets = LargestRemainder.split(request.amountFen(), weights);
        long undistributed = budgets[budgets.length - 1];

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
            results.add(allocateCategory(policy, category, budgets[i], lines));
        }
        for (int k = 0; k < request.lines().size(); k++) {
            String c = request.lines().get(k).category();
            if (shares.stream().noneMatch(s -> s.code().equals(c))) {
                throw ApiException.badRequest("line_without_category", "line " + k + " is for category " + c
                        + ", which the plan gives no share", "lines[" + k + "].category");
            }
        }
        AllocationResult result = new AllocationResult(request.amountFen(), results, undistributed);
        requireConserved(result);
        return result;
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
            Policy.Category c = policy.category(s.code()).orElseThrow(() -> ApiException.badRequest(
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
            total = total.add(s.percent());
        }
        if (total.compareTo(HUNDRED) > 0) {
            throw ApiException.badRequest("categories_exceed_100", "category percents add up to "
                    + total.stripTrailingZeros().toPlainString() + " %, more than 100 %", "categories");
        }
        for (Policy.Category c : policy.categories()) {
            BigDecimal p = percentOf(asked, c.code());
            if (p.compareTo(c.minPercent()) < 0 || p.compareTo(c.maxPercent()) > 0) {
                throw ApiException.badRequest("policy_violation", "category " + c.code() + " gets "
                        + p.stripTrailingZeros().toPlainString() + " %, the policy allows "
                        + c.minPercent().stripTrailingZeros().toPlainString() + "-"
                        + c.maxPercent().stripTrailingZeros().toPlainString() + " % (" + policy.source() + ")",
                        "categories");
            }
        }
        for (Policy.GroupMinimum g : policy.groupMinimums()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String code : g.categories()) {
                sum = sum.add(percentOf(asked, code));
            }
            if (sum.compareTo(g.minPercent()) < 0) {
                throw ApiException.badRequest("policy_violation", String.join(" + ", g.categories()) + " get "
                        + sum.stripTrailingZeros().toPlainString() + " %, at least "
                        + g.minPercent().stripTrailingZeros().toPlainString() + " % required (" + g.rule() + ")",
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
        boolean household = c.basis() == Basis.POST_WAGE || c.basis() == Basis.WEIGHTED;
        if (household) {
            if (line.householdId() == null || line.status() == null || line.labour() == null) {
                throw ApiException.badRequest("missing_field", "a " + c.code() + " line needs a household with "
                        + "status and labour capacity", field + ".householdId");
            }
            if (c.eligibleStatuses() != null && !c.eligibleStatuses().contains(line.status())) {
                throw ApiException.badRequest("not_eligible", "household " + line.householdId() + " has status "
                        + line.status() + "; " + c.code() + " is for " + c.eligibleStatuses() + " (" + policy.source()
                        + ")", field + ".householdId");
            }
            if (!c.labour().admits(line.labour())) {
                throw ApiException.badRequest("not_eligible", "household " + line.householdId() + " has labour "
                        + "capacity " + line.labour() + "; " + c.code() + " requires " + c.labour(),
                        field + ".householdId");
            }
        }
        switch (c.basis()) {
            case POST_WAGE, PROJECT -> {
                if (line.fixedFen() == null || line.fixedFen() < 0) {
                    throw ApiException.badRequest("missing_field", c.code() + " lines need a non-negative fixedFen",
                            field + ".fixedFen");
                }
                if (c.basis() == Basis.POST_WAGE && line.basis() != LineBasis.POST) {
                    throw ApiException.badRequest("wage_without_post", "a post wage line must cite its post and "
                            + "attendance (先劳后酬)", field + ".basis");
                }
            }
            case WEIGHTED -> {
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
                out.add(new AllocationResult.LineResult(c.code(), null, null, budget, LineBasis.NONE, "collective"));
                return new AllocationResult.CategoryResult(c.code(), budget, out, 0);
            }
            case POST_WAGE, PROJECT -> {
                long sum = 0;
                for (AllocationRequest.Line l : lines) {
                    long amount = capped(c, l.fixedFen());
                    sum = Math.addExact(sum, amount);
                    out.add(new AllocationResult.LineResult(c.code(), l.householdId(), l.memberId(), amount, l.basis(),
                            l.reference()));
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
                long[] parts = anyWeight ? LargestRemainder.split(budget, weights) : new long[ordered.size()];
                long sum = 0;
                for (int i = 0; i < ordered.size(); i++) {
                    AllocationRequest.Line l = ordered.get(i);
                    long amount = capped(c, parts[i]);
                    sum += amount;
                    out.add(new AllocationResult.LineResult(c.code(), l.householdId(), l.memberId(), amount, l.basis(),
                            l.reference()));
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
