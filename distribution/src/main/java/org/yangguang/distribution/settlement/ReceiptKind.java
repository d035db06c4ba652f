package org.yangguang.distribution.settlement;

/** Who paid: the grid at the coal benchmark price, or the national renewable subsidy (often in arrears). */
public enum ReceiptKind {
    BENCHMARK,
    SUBSIDY
}
