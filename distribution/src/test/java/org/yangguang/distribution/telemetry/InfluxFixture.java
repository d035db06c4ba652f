package org.yangguang.distribution.telemetry;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.yangguang.testkit.Services;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A throwaway InfluxDB database on the testkit's server, written the way the collector writes telemetry. */
public final class InfluxFixture implements AutoCloseable {
    private final String url;
    private final String database;
    private final InfluxDB influx;
    private BatchPoints batch;

    public InfluxFixture() {
        this.url = Services.influxUrl();
        this.database = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.influx = InfluxDBFactory.connect(url);
        influx.query(new Query("CREATE DATABASE " + database));
        influx.query(new Query("CREATE RETENTION POLICY devices ON " + database + " DURATION INF REPLICATION 1"));
        this.batch = BatchPoints.database(database).build();
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    /** One reading of a device's lifetime counter, as a float field holding an integer (like the collector). */
    public InfluxFixture energy(String station, String device, String kind, Instant at, long wh) {
        batch.point(Point.measurement("telemetry").time(at.toEpochMilli(), TimeUnit.MILLISECONDS)
                .tag("station", station).tag("device", device).tag("kind", kind)
                .addField("ac_energy", (double) wh).addField("ac_power", 1000.0).build());
        return this;
    }

    public InfluxFixture inverter(String station, String device, Instant at, long wh) {
        return energy(station, device, "inverter", at, wh);
    }

    /** An inverter swap as the collector records it (devices.device_swaps, at the new unit's first reading). */
    public InfluxFixture swap(String station, String device, Instant at, String oldSerial, String newSerial) {
        influx.write(BatchPoints.database(database).retentionPolicy("devices").point(Point.measurement("device_swaps")
                .time(at.toEpochMilli(), TimeUnit.MILLISECONDS).tag("station", station).tag("device", device)
                .addField("old_serial", oldSerial).addField("new_serial", newSerial).addField("old_model", "")
                .addField("new_model", "").addField("gateway", "gw").build()).build());
        return this;
    }

    public void flush() {
        influx.write(batch);
        batch = BatchPoints.database(database).build();
    }

    @Override
    public void close() {
        influx.query(new Query("DROP DATABASE " + database));
        influx.close();
    }
}
