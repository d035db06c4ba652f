package org.yangguang.distribution.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Errors the framework raises itself (a body that is not JSON, a missing query value, an unknown route) get the
 * same body as ours, {@code {code, message, field}} (issue 11), instead of Micronaut's default error document.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {
    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext ctx, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "error_" + status;
        };
        String message = response.reason();
        String field = null;
        if (ctx.hasErrors()) {
            Error first = ctx.getErrors().get(0);
            message = first.getMessage();
            field = first.getPath().orElse(null);
        }
        if (status >= 500) {
            // never leak internals to callers; the log has the stack trace
            message = "internal error; the service log has the details";
        }
        return response.body(new ApiError(code, message, field)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
