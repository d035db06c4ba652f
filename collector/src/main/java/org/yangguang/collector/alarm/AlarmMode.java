package org.yangguang.collector.alarm;

/**
 * Which readings the alarm engine sees. Alarms need every reading of a device; a shared subscription gives each
 * collector only its share.
 */
public enum AlarmMode {
    /** From the messages this collector ingests: right when it is the only collector of its group (the default, and free). */
    INGEST,
    /** From a second, non-shared subscription to all telemetry: for groups of several collectors (run it on one, or on all: they agree). */
    FEED,
    /** No alarms (the other collectors of a group when one runs FEED). */
    OFF
}
