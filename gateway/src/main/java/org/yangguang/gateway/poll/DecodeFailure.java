package org.yangguang.gateway.poll;

/** Registers were read but do not decode: not SunSpec, a model missing, only sentinel scale factors. */
public final class DecodeFailure extends Exception {
    public DecodeFailure(String message) {
        super(message);
    }
}
