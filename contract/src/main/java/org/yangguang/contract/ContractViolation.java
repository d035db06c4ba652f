package org.yangguang.contract;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/**
 * A payload that breaks the contract. {@code field} is a JSON path such as {@code points.ac_power.unit};
 * {@code code} is a short stable reason used for dead-letter topics and metrics.
 */
public final class ContractViolation extends Exception {
    private final String code;
    private final String field;

    public ContractViolation(String code, String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /**
     * A payload that is missing or over {@code max} bytes, checked before any parsing: the same rule, and words,
     * for a whole message and for one reading of a batch. Null when the size is fine.
     */
    static ContractViolation ofSize(byte[] payload, int max) {
        if (payload == null || payload.length == 0) {
            return new ContractViolation("empty", null, "empty payload");
        }
        return ofLength(payload.length, max);
    }

    /** {@code too_large} when {@code length} bytes exceed {@code max}; null when they do not. */
    static ContractViolation ofLength(int length, int max) {
        return length > max ? new ContractViolation("too_large", null, "payload of " + length + " bytes exceeds " + max)
                : null;
    }

    /** {@code not_json}, with where the parser stopped when it can say. */
    static ContractViolation notJson(IOException e) {
        if (e instanceof JsonProcessingException j) {
            return new ContractViolation("not_json", null, "not JSON: " + j.getOriginalMessage()
                    + " at line " + j.getLocation().getLineNr() + " column " + j.getLocation().getColumnNr());
        }
        return new ContractViolation("not_json", null, "unreadable payload: " + e.getMessage());
    }

    static ContractViolation notObject() {
        return new ContractViolation("not_object", null, "payload must be a JSON object");
    }

    /** A failure of the reader itself on this payload: it is the payload's problem, reported as such. */
    static ContractViolation unreadable(RuntimeException e) {
        return new ContractViolation("bad_value", null, "payload could not be read: " + e.getMessage());
    }
}
