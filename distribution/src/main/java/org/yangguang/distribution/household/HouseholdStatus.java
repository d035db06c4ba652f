package org.yangguang.distribution.household;

/** 建档立卡贫困户 / 已脱贫户 / 监测对象 (policy-notes §1.3: after 2021 former poor and monitored households). */
public enum HouseholdStatus {
    REGISTERED_POOR,
    LIFTED_OUT,
    MONITORED
}
