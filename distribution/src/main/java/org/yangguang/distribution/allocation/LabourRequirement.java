package org.yangguang.distribution.allocation;

import org.yangguang.distribution.household.LabourCapacity;

/** Who a category may pay, by labour capacity. */
public enum LabourRequirement {
    ANY,
    /** FULL or PARTIAL: paid work (posts, public-works labour). */
    ABLE,
    /** NONE: support for households that cannot work. */
    UNABLE;

    public boolean admits(LabourCapacity c) {
        return switch (this) {
            case ANY -> true;
            case ABLE -> c != LabourCapacity.NONE;
            case UNABLE -> c == LabourCapacity.NONE;
        };
    }
}
