package org.yangguang.collector.ingest;

import org.yangguang.contract.Telemetry;

/** Told about every stored message (live state, alarms); called on the event loop, must not block. */
public interface TelemetryListener {
    void stored(Telemetry t);
}
