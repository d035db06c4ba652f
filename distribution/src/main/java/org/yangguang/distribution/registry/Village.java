package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** 村: the collective that owns station revenue (收益确权到村). */
@Serdeable
@MappedEntity("village")
public record Village(@Id @GeneratedValue @Nullable Long id, Long townshipId, String code, String name) {
}
