package org.yangguang.distribution.tariff;

import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;
import org.yangguang.distribution.registry.Station;

import java.time.LocalDate;

/** Finds the tariff in force for a station on a date. */
@Singleton
public class TariffService {
    private final TariffRepository tariffs;

    public TariffService(TariffRepository tariffs) {
        this.tariffs = tariffs;
    }

    public Tariff inForce(Station station, LocalDate date) {
        return tariffs.findByTariffBatchAndResourceZoneOrderByEffectiveFromDesc(station.tariffBatch(),
                        station.resourceZone()).stream()
                .filter(t -> !t.effectiveFrom().isAfter(date))
                .findFirst()
                .orElseThrow(() -> ApiException.conflict("no_tariff", "no tariff for batch " + station.tariffBatch()
                        + " zone " + station.resourceZone() + " (station " + station.code() + ") in force on " + date
                        + "; configure yangguang.tariffs.*", "from"));
    }

    /** Dates after {@code from} and up to {@code to} on which another tariff takes effect for the station. */
    public java.util.List<LocalDate> changesBetween(Station station, LocalDate from, LocalDate to) {
        return tariffs.findChangesBetween(station.tariffBatch(), station.resourceZone(), from, to);
    }
}
