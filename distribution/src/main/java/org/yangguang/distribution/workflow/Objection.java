package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An objection raised during the public notice — by a household through its QR page (channel QR) or recorded by the
 * committee for a villager (COMMITTEE) — and its resolution: the committee proposes one, the township signs it off
 * (OPEN → PROPOSED → RESOLVED, or back to OPEN when the township does not agree). {@code open} is state ≠ RESOLVED.
 */
@Serdeable
@MappedEntity("objection")
public record Objection(@Id @GeneratedValue @Nullable Long id, Long planId, String text, String raisedBy,
                        LocalDate raisedOn, boolean open, @Nullable String resolution, @Nullable String resolvedBy,
                        @Nullable Long householdId, String channel, State state, @Nullable String signedOffBy,
                        @Nullable String signOffNote, @Nullable Instant raisedAt) {

    public enum State { OPEN, PROPOSED, RESOLVED }

    Objection proposed(String text, String by) {
        return new Objection(id, planId, this.text, raisedBy, raisedOn, true, text, by, householdId, channel,
                State.PROPOSED, null, null, raisedAt);
    }

    Objection signedOff(boolean accepted, String by, String note) {
        return new Objection(id, planId, text, raisedBy, raisedOn, !accepted, resolution, resolvedBy, householdId,
                channel, accepted ? State.RESOLVED : State.OPEN, by, note, raisedAt);
    }
}
