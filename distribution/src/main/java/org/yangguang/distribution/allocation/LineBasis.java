package org.yangguang.distribution.allocation;

/** Why a household line exists: a post, recorded labour, a reviewed application, or nothing. */
public enum LineBasis {
    POST,
    LABOUR,
    REVIEWED_APPLICATION,
    /** No post, labour or review: such lines at equal amounts are a flat per-head split, which is forbidden. */
    NONE
}
