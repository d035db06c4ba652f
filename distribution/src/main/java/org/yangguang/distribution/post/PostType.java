package org.yangguang.distribution.post;

/** 公益岗位 types named in the rules (Sichuan, Guangxi; policy-notes §1.1). */
public enum PostType {
    CLEANER,
    ROAD_KEEPER,
    WATER_KEEPER,
    FOREST_FIRE_WATCH,
    SAFETY_PATROL,
    CARER,
    STATION_KEEPER
}
