package org.yangguang.distribution.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Says why a new share set may not take effect from a date (issue 12 §4: shares change only from a period not yet
 * planned or settled). Implemented where the money is: settlement (receipts already split by the old shares) and
 * workflow (plans of the owning villages); registry asks them all and refuses with their reasons.
 */
public interface ShareGuard {
    /** Reasons, empty when the date is free; {@code villageIds} are the old and new owners. */
    List<String> blockers(Station station, LocalDate effectiveFrom, Set<Long> villageIds);
}
