package org.yangguang.distribution.workflow;

/**
 * States of a village allocation plan (收益分配使用计划). The allowed moves are {@link Transition}; nothing else
 * changes a plan's state.
 *
 * <pre>
 * DRAFT --publish--> NOTICE --submit (notice ended, no open objection)--> TOWNSHIP_REVIEW
 * TOWNSHIP_REVIEW --township_approve--> COUNTY_APPROVAL     TOWNSHIP_REVIEW --township_return--> DRAFT
 * COUNTY_APPROVAL --county_approve | county_file--> PAYABLE COUNTY_APPROVAL --county_return--> DRAFT
 * PAYABLE --reconcile (every line paid)--> RECONCILED
 * </pre>
 * Payment of lines (in a batch, paid or failed) is tracked per line, see {@code payment}.
 */
public enum PlanState {
    DRAFT,
    NOTICE,
    TOWNSHIP_REVIEW,
    COUNTY_APPROVAL,
    PAYABLE,
    RECONCILED
}
