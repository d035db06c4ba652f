package org.yangguang.distribution.allocation;

import org.yangguang.distribution.household.HouseholdStatus;

import java.math.BigDecimal;
import java.util.List;

/** A Shanxi-2020-style policy for tests (the same shape as the bundled lin-2026 policy). */
public final class Policies {
    public static final String EIGHTY_RULE = "国开办司发〔2020〕3号: 80% of revenue to post wages and public-works labour";
    public static final String FLAT_RULE = "Shanxi 2020: no 泛福利化 or 一发了之; Hebei: no 简单发钱养懒汉";

    private Policies() {
    }

    static BigDecimal p(String v) {
        return new BigDecimal(v);
    }

    public static Policy shanxi2020() {
        List<HouseholdStatus> all = List.of(HouseholdStatus.values());
        return new Policy("lin", 2020, 1, "Lin County 2020 policy (test)", List.of(
                new Policy.Category("WELFARE_POSTS", "公益岗位", Basis.POST_WAGE, p("0"), p("100"), all,
                        LabourRequirement.ABLE, null),
                new Policy.Category("PUBLIC_WORKS", "公益性劳务", Basis.WEIGHTED, p("0"), p("100"), all,
                        LabourRequirement.ABLE, null),
                new Policy.Category("SMALL_PROJECTS", "小型公益事业", Basis.PROJECT, p("0"), p("20"), null,
                        LabourRequirement.ANY, null),
                new Policy.Category("REWARDS_SUBSIDIES", "奖励补助", Basis.WEIGHTED, p("0"), p("20"),
                        List.of(HouseholdStatus.REGISTERED_POOR, HouseholdStatus.MONITORED), LabourRequirement.ANY,
                        300_000L),
                new Policy.Category("COLLECTIVE_RETENTION", "村集体留存", Basis.RETAINED, p("0"), p("30"), null,
                        LabourRequirement.ANY, null)),
                List.of(new Policy.GroupMinimum(List.of("WELFARE_POSTS", "PUBLIC_WORKS"), p("80"), EIGHTY_RULE)),
                List.of(new Policy.Forbidden("CADRE_SALARY", "village-committee wages may not be paid from PV revenue "
                                + "(Inner Mongolia 2022 measures)"),
                        new Policy.Forbidden("OFFICE_COSTS", "office costs are banned (Inner Mongolia 2022)")),
                FLAT_RULE);
    }
}
