package org.yangguang.distribution.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

/**
 * A request the service refuses, with the HTTP status, a stable code (e.g. {@code share_total_exceeds_100}),
 * a message that says what and where, and the request field it concerns (null when it is not one field).
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiException(HttpStatus status, String code, String message, @Nullable String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException badRequest(String code, String message, @Nullable String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message, field);
    }

    public static ApiException notFound(String code, String message, @Nullable String field) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message, field);
    }

    public static ApiException conflict(String code, String message, @Nullable String field) {
        return new ApiException(HttpStatus.CONFLICT, code, message, field);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    @Nullable
    public String field() {
        return field;
    }

    public ApiError toError() {
        return new ApiError(code, getMessage(), field);
    }
}
