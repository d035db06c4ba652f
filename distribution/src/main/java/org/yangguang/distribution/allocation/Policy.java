package org.yangguang.distribution.allocation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.household.HouseholdStatus;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * An allocation policy: configuration per county and year, versioned (policy-notes §6). Categories are listed
 * in their tie-break order. Percent bounds are of the village's distributable amount.
 */
@Serdeable
public record Policy(String county, int year, int version, String source, List<Category> categories,
                     @Nullable List<GroupMinimum> groupMinimums, @Nullable List<Forbidden> forbidden,
                     String flatPerHeadRule, @Nullable Scope scope) {

    /** Whose plans the policy governs: each village's, or the county pool's (centralized stations). */
    public enum Scope { VILLAGE, COUNTY_POOL }

    @io.micronaut.core.annotation.Creator
    public Policy {
        groupMinimums = groupMinimums == null ? List.of() : List.copyOf(groupMinimums);
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
        categories = List.copyOf(categories);
        scope = scope == null ? Scope.VILLAGE : scope;
    }

    public Policy(String county, int year, int version, String source, List<Category> categories,
                  List<GroupMinimum> groupMinimums, List<Forbidden> forbidden, String flatPerHeadRule) {
        this(county, year, version, source, categories, groupMinimums, forbidden, flatPerHeadRule, Scope.VILLAGE);
    }

    /** A spending category with its bounds, eligibility and cap. */
    @Serdeable
    public record Category(String code, String name, Basis basis, BigDecimal minPercent, BigDecimal maxPercent,
                           @Nullable List<HouseholdStatus> eligibleStatuses, LabourRequirement labour,
                           @Nullable Long perHouseholdCapFen) {
    }

    /** E.g. posts + public-works labour ≥ 80 % (国开办司发〔2020〕3号). */
    @Serdeable
    public record GroupMinimum(List<String> categories, BigDecimal minPercent, String rule) {
    }

    /** A kind of spending the rules ban, with the rule to cite. */
    @Serdeable
    public record Forbidden(String code, String rule) {
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public int order(String code) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).code().equals(code)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
