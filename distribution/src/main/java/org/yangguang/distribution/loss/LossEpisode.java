package org.yangguang.distribution.loss;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A stored alarm episode of the collector ({@code episodeKey} is its id: station/device/kind/onset ms), with its
 * lost energy and the yuan it cost (Σ of its priced days). {@code last24hWh} is an open episode's loss over the
 * last 24 hours: the repair queue's rate.
 */
@MappedEntity("loss_episode")
record LossEpisode(@Id @GeneratedValue @Nullable Long id, String episodeKey, Long stationId, String device, String kind,
                   @Nullable String severity, @Nullable String detail, Instant sinceAt, @Nullable Instant untilAt,
                   String state, long lostWh, long unconfirmedWh, long unpricedBuckets, @Nullable String method,
                   @Nullable String note, @Nullable Long last24hWh, long lostFen, Instant refreshedAt) {

    static final String OPEN = "open";

    /** Final: a closed (or expired) episode, once stored so, is never priced again. */
    boolean isFinal() {
        return !OPEN.equals(state);
    }

    LossEpisode withId(Long newId) {
        return new LossEpisode(newId, episodeKey, stationId, device, kind, severity, detail, sinceAt, untilAt, state,
                lostWh, unconfirmedWh, unpricedBuckets, method, note, last24hWh, lostFen, refreshedAt);
    }
}
