package org.yangguang.distribution.household;

/** 劳动能力: full, weak (弱劳动力) or none (无劳动能力, eligible for support without work). */
public enum LabourCapacity {
    FULL,
    PARTIAL,
    NONE
}
