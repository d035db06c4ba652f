package org.yangguang.distribution.registry;

/** 村级 / 联村 / 集中式 (DOMAIN.md "What stands in the field"). */
public enum StationKind {
    /** Owned by one village collective; its share set is that village at 100 %. */
    VILLAGE,
    /** 联村电站: owned by several villages, each by an effective-dated share. */
    JOINT,
    /** 集中式: the poverty share of revenue is pooled at county level. */
    CENTRALIZED
}
