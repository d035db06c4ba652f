package org.yangguang.collector.ingest;

import io.vertx.core.Future;

/** The broker side of a delivery: acknowledge it, or publish it to the dead-letter topic (then acknowledge it). */
public interface Acknowledger {
    void ack(Delivery d);

    /** Publishes the message with its reason on yangguang/v1/deadletter/{code}; completes when the broker has it. */
    Future<Void> deadLetter(Delivery d, String code, String detail);

    /**
     * The same for one reading of a v2 batch: the letter carries that reading's text as its payload and its
     * {@code index} among the batch's {@code readings}, so that an operator finds it in the message.
     */
    Future<Void> deadLetter(Delivery d, byte[] reading, int index, int readings, String code, String detail);
}
