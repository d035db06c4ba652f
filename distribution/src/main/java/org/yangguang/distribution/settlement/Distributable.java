package org.yangguang.distribution.settlement;

import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.revenue.VillageRevenue;

import java.util.List;

/**
 * Village revenue for a period (issue 5 §3): cash received minus deductions in their configured order, split by
 * the share set in force; a centralized station's net goes to the county pool by its poverty share.
 * cashFen = Σ deductions + Σ villages + countyPoolFen + undistributedFen.
 */
@Serdeable
public record Distributable(String station, String from, String to, long cashFen, List<Deduction> deductions,
                            long netFen, List<VillageRevenue> villages, long countyPoolFen, long undistributedFen) {

    @Serdeable
    public record Deduction(String name, long fen) {
    }
}
