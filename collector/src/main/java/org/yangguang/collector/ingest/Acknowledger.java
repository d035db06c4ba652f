package org.yangguang.collector.ingest;

import io.vertx.core.Future;

/** The broker side of a delivery: acknowledge it, or publish it to the dead-letter topic (then acknowledge it). */
public interface Acknowledger {
    void ack(Delivery d);

    /** Publishes the message with its reason on yangguang/v1/deadletter/{code}; completes when the broker has it. */
    Future<Void> deadLetter(Delivery d, String code, String detail);
}
