package org.yangguang.distribution.settlement;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What an import did, with one error per rejected line (1-based line numbers, the header is line 1). */
@Serdeable
public record ImportReport(int created, int unchanged, int rejected, List<LineError> errors, List<String> flagged) {

    @Serdeable
    public record LineError(int line, @Nullable String field, String code, String message) {
    }
}
