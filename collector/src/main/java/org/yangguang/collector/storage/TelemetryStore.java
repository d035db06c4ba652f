package org.yangguang.collector.storage;

import java.util.List;

/**
 * Where telemetry goes. The one implementation today speaks the InfluxDB v1 HTTP API ({@link InfluxV1Store}), which
 * InfluxDB 1.x serves natively and 2.x/3.x serve through their v1 compatibility endpoints (/write, /query with a
 * DBRP mapping); a native 2.x/3.x client can be added behind this interface. All methods block: callers run them
 * on worker threads, never on the event loop.
 */
public interface TelemetryStore extends AutoCloseable {

    /** Creates the database, retention policies and rollup targets if missing; safe to run on every start. */
    void prepare() throws StoreException;

    /** Writes the samples durably (returns only after the server accepted them). */
    void write(List<Sample> samples) throws StoreException;

    /** Writes samples into another retention policy than raw (computed rollup fields, device records, expected and
     * lost energy). */
    void write(String retentionPolicy, List<Sample> samples) throws StoreException;

    /** Runs InfluxQL (read or SELECT ... INTO) and returns the series of every statement, in order. */
    List<Series> query(String influxQl) throws StoreException;

    /** True when the server answers. */
    boolean ping();

    @Override
    void close();
}
