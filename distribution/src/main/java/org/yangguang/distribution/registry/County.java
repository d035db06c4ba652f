package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** 县: the level that settles with the grid and runs distribution ("five unified"). */
@Serdeable
@MappedEntity("county")
public record County(@Id @GeneratedValue @Nullable Long id, String code, String name) {
}
