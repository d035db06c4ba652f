package org.yangguang.distribution.access;

/**
 * Who does what (DOMAIN.md "Who uses it", issue 8). Village and township roles are scoped to one village or
 * township; the others to their county.
 */
public enum Role {
    /** 运维: stations and revenue, read-only on money. */
    OPERATOR,
    /** 村委会 member: the village's households, posts, attendance and plan drafts; scoped to a village. */
    VILLAGE_COMMITTEE,
    /** 乡镇 reviewer: approves or returns plans of the township's villages. */
    TOWNSHIP_REVIEWER,
    /** 县 approver: approves or files plans of the county. */
    COUNTY_APPROVER,
    /** 财务: settlements, subsidy receipts, payment batches, reconciliation. */
    FINANCE,
    /** Reads everything in the county, changes nothing. */
    AUDITOR,
    /** Registry, shares, policies and accounts of the county. */
    ADMIN,
    /** A program, not a person: a collector reading the county's registry (service account, {@link ServiceRoleRule}). */
    COLLECTOR,
    /** A program, not a person: {@code gateway scan --register} reporting devices found at a station. */
    INSTALLER;

    /** Roles held by service accounts only; a person's account never has one. */
    public boolean isService() {
        return this == COLLECTOR || this == INSTALLER;
    }
}
