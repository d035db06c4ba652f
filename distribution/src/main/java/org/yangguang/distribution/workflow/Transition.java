package org.yangguang.distribution.workflow;

import org.yangguang.distribution.access.Role;

/** The one table of allowed plan moves: from, to, and the role that may make the move. */
public enum Transition {
    PUBLISH(PlanState.DRAFT, PlanState.NOTICE, Role.VILLAGE_COMMITTEE),
    SUBMIT(PlanState.NOTICE, PlanState.TOWNSHIP_REVIEW, Role.VILLAGE_COMMITTEE),
    TOWNSHIP_APPROVE(PlanState.TOWNSHIP_REVIEW, PlanState.COUNTY_APPROVAL, Role.TOWNSHIP_REVIEWER),
    TOWNSHIP_RETURN(PlanState.TOWNSHIP_REVIEW, PlanState.DRAFT, Role.TOWNSHIP_REVIEWER),
    COUNTY_APPROVE(PlanState.COUNTY_APPROVAL, PlanState.PAYABLE, Role.COUNTY_APPROVER),
    COUNTY_FILE(PlanState.COUNTY_APPROVAL, PlanState.PAYABLE, Role.COUNTY_APPROVER),
    COUNTY_RETURN(PlanState.COUNTY_APPROVAL, PlanState.DRAFT, Role.COUNTY_APPROVER),
    RECONCILE(PlanState.PAYABLE, PlanState.RECONCILED, Role.FINANCE);

    public final PlanState from;
    public final PlanState to;
    public final Role role;

    Transition(PlanState from, PlanState to, Role role) {
        this.from = from;
        this.to = to;
        this.role = role;
    }
}
