package org.yangguang.collector.storage;

import java.time.Duration;

/**
 * A write or query the store did not accept, classified by what the caller should do about it (the same
 * classification Telegraf's InfluxDB output uses: 413 split, 400 drop, 429/5xx retry).
 */
public final class StoreException extends Exception {
    public enum Kind {
        /** 413: the batch is too large for the server; split it and send the halves. */
        TOO_LARGE,
        /** 400/422 and similar: the server will never accept these lines; retrying cannot help. */
        REJECTED,
        /** 429, 5xx, connection refused or reset, timeout: try the same lines again later. */
        RETRYABLE
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public StoreException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when there was no response (connection failure). */
    public int status() {
        return status;
    }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
