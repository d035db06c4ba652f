package org.yangguang.distribution.telemetry;

/** The energy for a period cannot be given with confidence; the message says why. */
public class EnergyUnavailableException extends RuntimeException {
    public EnergyUnavailableException(String message) {
        super(message);
    }

    public EnergyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
