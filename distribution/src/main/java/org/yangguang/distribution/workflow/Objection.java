package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/** An objection raised during the public notice, recorded by the village committee, and its resolution. */
@Serdeable
@MappedEntity("objection")
public record Objection(@Id @GeneratedValue @Nullable Long id, Long planId, String text, String raisedBy,
                        LocalDate raisedOn, boolean open, @Nullable String resolution, @Nullable String resolvedBy) {
}
