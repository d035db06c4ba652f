package org.yangguang.distribution.workflow;

/** What a plan line pays: whom, and from what fact. */
public enum LineKind {
    /** A post's wage for the month, from its attendance, to the person who holds it. */
    WAGE,
    /** A household's part of a weighted category (labour days, a reviewed application). */
    HOUSEHOLD,
    /** A project's payee (a contractor or the village collective), once the project is accepted. */
    PROJECT,
    /** Kept by the collective (村集体留存): not a bank transfer. */
    RETAINED;

    /** Whether the line is paid through a bank batch. */
    public boolean transferred() {
        return this != RETAINED;
    }
}
