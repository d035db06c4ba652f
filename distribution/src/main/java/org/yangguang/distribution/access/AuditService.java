package org.yangguang.distribution.access;

import jakarta.inject.Singleton;

import java.util.List;

/** Reading the audit trail: auditors and admins only. */
@Singleton
public class AuditService {
    private final AuditRepository events;
    private final Scopes scopes;

    public AuditService(AuditRepository events, Scopes scopes) {
        this.events = events;
        this.scopes = scopes;
    }

    public List<AuditEvent> of(Actor actor, String entity, String key) {
        scopes.requireRole(actor, Role.AUDITOR, Role.ADMIN);
        return events.findByEntityAndEntityKeyOrderById(entity, key);
    }
}
