package org.yangguang.distribution.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** One transition a plan went through. */
@Serdeable
@MappedEntity("plan_event")
public record PlanEvent(@Id @GeneratedValue @Nullable Long id, Long planId, Transition transition,
                        PlanState fromState, PlanState toState, String actor, Instant at, String reason) {
}
