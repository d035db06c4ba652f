package org.yangguang.distribution.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** 乡镇: reviews its villages' plans. */
@Serdeable
@MappedEntity("township")
public record Township(@Id @GeneratedValue @Nullable Long id, Long countyId, String code, String name) {
}
