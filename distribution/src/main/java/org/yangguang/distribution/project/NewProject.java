package org.yangguang.distribution.project;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of POST /api/villages/{village}/projects (or /api/county/pool/projects). */
@Serdeable
public record NewProject(@Nullable String name, @Nullable Project.PayeeKind payeeKind, @Nullable String payeeName,
                         @Nullable String bankName, @Nullable String bankAccount, @Nullable Long budgetFen,
                         @Nullable String reason) {
}
