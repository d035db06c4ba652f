package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One import that changed something (an import that changes nothing leaves no row). */
@MappedEntity("settlement_import")
public record SettlementImport(@Id @GeneratedValue @Nullable Long id, String sha256, String filename,
                               String importedBy, Instant importedAt, int created, int unchanged, int rejected) {
}
