package org.yangguang.distribution.access;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;

import java.time.Clock;

/**
 * Records every change with who, when and why (issue 8). Called inside the service transaction that makes the
 * change, so a change and its audit record commit or roll back together. A change without a reason is refused.
 */
@Singleton
public class Audit {
    private static final int MAX_REASON = 500;
    private static final int MAX_DETAIL = 2000;

    private final AuditRepository events;
    private final Clock clock;

    public Audit(AuditRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Throws 400 {@code missing_reason} unless a reason is given. */
    public static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("missing_reason", "every change needs a reason (who, when and why are "
                    + "recorded)", "reason");
        }
        if (reason.length() > MAX_REASON) {
            throw ApiException.badRequest("reason_too_long", "reason is longer than " + MAX_REASON + " characters",
                    "reason");
        }
        return reason.strip();
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public AuditEvent record(Actor actor, String action, String entity, String entityKey, String reason,
                             String detail) {
        String d = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        return events.save(new AuditEvent(null, clock.instant(), actor.username(), action, entity, entityKey,
                requireReason(reason), d));
    }
}
