package org.yangguang.distribution.workflow;

import org.yangguang.distribution.access.Role;

/**
 * The one table of allowed plan moves: from, to, and who makes the move for a village's plan and for the county
 * pool's (null: not a move of that kind of plan). DRAFT is recorded on every draft and redraft (who drafted counts
 * for the duties: the same person cannot draft and approve one plan); it is not asked for through the transitions
 * endpoint. The county pool's plans skip the township: the county's office (a county approver) drafts, publishes and
 * submits them, another county approver approves.
 */
public enum Transition {
    DRAFT(PlanState.DRAFT, PlanState.DRAFT, Role.VILLAGE_COMMITTEE, Role.COUNTY_APPROVER),
    PUBLISH(PlanState.DRAFT, PlanState.NOTICE, Role.VILLAGE_COMMITTEE, Role.COUNTY_APPROVER),
    SUBMIT(PlanState.NOTICE, PlanState.TOWNSHIP_REVIEW, Role.VILLAGE_COMMITTEE, null),
    SUBMIT_TO_COUNTY(PlanState.NOTICE, PlanState.COUNTY_APPROVAL, null, Role.COUNTY_APPROVER),
    TOWNSHIP_APPROVE(PlanState.TOWNSHIP_REVIEW, PlanState.COUNTY_APPROVAL, Role.TOWNSHIP_REVIEWER, null),
    TOWNSHIP_RETURN(PlanState.TOWNSHIP_REVIEW, PlanState.DRAFT, Role.TOWNSHIP_REVIEWER, null),
    COUNTY_APPROVE(PlanState.COUNTY_APPROVAL, PlanState.PAYABLE, Role.COUNTY_APPROVER, Role.COUNTY_APPROVER),
    COUNTY_FILE(PlanState.COUNTY_APPROVAL, PlanState.PAYABLE, Role.COUNTY_APPROVER, Role.COUNTY_APPROVER),
    COUNTY_RETURN(PlanState.COUNTY_APPROVAL, PlanState.DRAFT, Role.COUNTY_APPROVER, Role.COUNTY_APPROVER),
    RECONCILE(PlanState.PAYABLE, PlanState.RECONCILED, Role.FINANCE, Role.FINANCE);

    public final PlanState from;
    public final PlanState to;
    private final Role village;
    private final Role pool;

    Transition(PlanState from, PlanState to, Role village, Role pool) {
        this.from = from;
        this.to = to;
        this.village = village;
        this.pool = pool;
    }

    /** Who makes this move for a village's plan ({@code pool} false) or the county pool's; null: no such move. */
    public Role role(boolean pool) {
        return pool ? this.pool : village;
    }

    /** Moves that approve a plan (the drafter may not make them). */
    public boolean approves() {
        return this == TOWNSHIP_APPROVE || this == COUNTY_APPROVE || this == COUNTY_FILE;
    }
}
