package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One recorded change: who, when, what (action on entity/key), why (reason) and the details. */
@Serdeable
@MappedEntity("audit_event")
public record AuditEvent(@Id @GeneratedValue @Nullable Long id, Instant at, String actor, String action,
                         String entity, String entityKey, String reason, String detail) {
}
