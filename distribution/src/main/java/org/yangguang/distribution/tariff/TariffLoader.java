package org.yangguang.distribution.tariff;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;

/**
 * Copies the configured tariffs into the database at start-up, so revenue computed later can always say which
 * tariff row it used. A configured entry that conflicts with a stored row for the same batch, zone and date
 * stops start-up: a tariff already used for money must not change underneath it.
 */
@Singleton
public class TariffLoader {
    private static final Logger LOG = LoggerFactory.getLogger(TariffLoader.class);
    private static final int MAX_SCALE = 4;

    private final List<TariffEntry> entries;
    private final TariffRepository tariffs;

    public TariffLoader(List<TariffEntry> entries, TariffRepository tariffs) {
        this.entries = entries;
        this.tariffs = tariffs;
    }

    @EventListener
    @Transactional
    public void onStartup(StartupEvent event) {
        load();
    }

    @Transactional
    public void load() {
        for (TariffEntry e : entries) {
            Tariff wanted = validate(e);
            var stored = tariffs.findByTariffBatchAndResourceZoneAndEffectiveFrom(wanted.tariffBatch(),
                    wanted.resourceZone(), wanted.effectiveFrom());
            if (stored.isEmpty()) {
                tariffs.save(wanted);
                LOG.info("tariff {}: batch {} zone {} from {} = {} yuan/kWh (benchmark {})", e.getName(),
                        wanted.tariffBatch(), wanted.resourceZone(), wanted.effectiveFrom(),
                        wanted.yuanPerKwh().toPlainString(), wanted.benchmarkYuanPerKwh().toPlainString());
            } else if (stored.get().yuanPerKwh().compareTo(wanted.yuanPerKwh()) != 0
                    || stored.get().benchmarkYuanPerKwh().compareTo(wanted.benchmarkYuanPerKwh()) != 0) {
                throw new IllegalStateException("yangguang.tariffs." + e.getName() + " says "
                        + wanted.yuanPerKwh().toPlainString() + "/" + wanted.benchmarkYuanPerKwh().toPlainString()
                        + " yuan/kWh but the database already holds " + stored.get().yuanPerKwh().toPlainString()
                        + "/" + stored.get().benchmarkYuanPerKwh().toPlainString() + " for batch "
                        + wanted.tariffBatch() + " zone " + wanted.resourceZone() + " from " + wanted.effectiveFrom()
                        + "; add a new entry with a later effective-from instead of changing a used one");
            }
        }
    }

    static Tariff validate(TariffEntry e) {
        String key = "yangguang.tariffs." + e.getName();
        require(e.getBatch() != null && !e.getBatch().isBlank(), key + ".batch is required");
        require(e.getResourceZone() != null && !e.getResourceZone().isBlank(), key + ".resource-zone is required");
        require(e.getEffectiveFrom() != null, key + ".effective-from is required (yyyy-MM-dd)");
        require(e.getYuanPerKwh() != null && e.getYuanPerKwh().signum() > 0,
                key + ".yuan-per-kwh must be a positive number of yuan per kWh");
        BigDecimal benchmark = e.getBenchmarkYuanPerKwh() == null ? BigDecimal.ZERO : e.getBenchmarkYuanPerKwh();
        require(benchmark.signum() >= 0 && benchmark.compareTo(e.getYuanPerKwh()) <= 0,
                key + ".benchmark-yuan-per-kwh must be between 0 and yuan-per-kwh");
        require(e.getYuanPerKwh().stripTrailingZeros().scale() <= MAX_SCALE
                        && benchmark.stripTrailingZeros().scale() <= MAX_SCALE,
                key + ": tariffs have at most " + MAX_SCALE + " decimals");
        return new Tariff(null, e.getBatch(), e.getResourceZone(), e.getEffectiveFrom(),
                e.getYuanPerKwh().setScale(MAX_SCALE), benchmark.setScale(MAX_SCALE));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("bad tariff configuration: " + message);
        }
    }
}
