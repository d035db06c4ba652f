package org.yangguang.contract;

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
}
