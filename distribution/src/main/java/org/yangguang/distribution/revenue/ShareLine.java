package org.yangguang.distribution.revenue;

import java.math.BigDecimal;

/** A village's share of a station as revenue sees it: id (the tie-break order), code, name, percent. */
public record ShareLine(long villageId, String village, String name, BigDecimal percent) {
}
