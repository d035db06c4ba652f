package org.yangguang.distribution.project;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.yangguang.distribution.household.Masking;

/** A project as the API shows it: the payee's account masked. */
@Serdeable
public record ProjectView(long id, @Nullable String village, boolean pool, String name, Project.PayeeKind payeeKind,
                          String payeeName, String bankName, String bankAccountMasked, long budgetFen,
                          Project.State state, @Nullable String acceptedOn, @Nullable String acceptanceRef) {
    static ProjectView of(Project p, @Nullable String village) {
        return new ProjectView(p.id(), village, p.poolCountyId() != null, p.name(), p.payeeKind(), p.payeeName(),
                p.bankName(), Masking.bankAccount(p.bankAccount()), p.budgetFen(), p.state(),
                p.acceptedOn() == null ? null : p.acceptedOn().toString(), p.acceptanceRef());
    }
}
