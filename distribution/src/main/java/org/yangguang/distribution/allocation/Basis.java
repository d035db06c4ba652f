package org.yangguang.distribution.allocation;

/** How a category turns its budget into lines. */
public enum Basis {
    /** Wages of welfare posts: fixed amounts from wage × attendance; the rest of the budget stays unspent. */
    POST_WAGE,
    /** Split among households by weights (labour days, reviewed support), largest remainder by household id. */
    WEIGHTED,
    /** Fixed amounts for projects (no household); the rest stays unspent. */
    PROJECT,
    /** The whole budget is kept by the village collective. */
    RETAINED
}
