package org.yangguang.distribution.revenue;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** One village's part of a station's gross revenue. {@code share} is in percent. */
@Serdeable
public record VillageRevenue(String village, String name, BigDecimal share, long revenueFen) {
}
