package org.yangguang.distribution.loss;

import java.time.LocalDate;
import java.util.List;

/**
 * An alarm episode as the collector reports it ({@code GET /api/losses}, docs/lost-revenue.md): its lost energy
 * per local day of the station's zone, in whole Wh, computed from the rollups. {@code lastDayLostWh} is set only
 * while it is open.
 */
public record ReportedEpisode(String id, String station, String device, String type, String severity, String detail,
                              long since, Long until, String state, long lostWh, long unconfirmedWh,
                              long unpricedBuckets, String method, String note, Long lastDayLostWh, List<Day> days) {

    public record Day(LocalDate date, long lostWh, String method) {
    }
}
