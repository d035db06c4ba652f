package org.yangguang.distribution.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors the framework raises itself (a body that is not JSON, a value that is not a number, a missing body, an
 * unknown route) get the same body as ours, {@code {code, message, field}} (issue 11), with a code from the
 * {@link ErrorCatalogue} and a message of our own: the framework's text ({@code Failed to convert argument [id] for
 * value [abc]}, {@code Cannot deserialize … LineBasis}) names Java types and never reaches a user (issue 14). The
 * framework's text goes to the log, where it helps the developer.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext ctx, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        Throwable cause = ctx.getRootCause().orElse(null);
        ApiError error = status >= 500 ? new ApiError("internal_error", "internal error; the service log has the details", null)
                : translate(status, cause, ctx);
        if (status < 500 && (cause != null || ctx.hasErrors())) {
            LOG.info("refused {} {}: {} (framework said: {})", ctx.getRequest().getMethod(), ctx.getRequest().getPath(),
                    error.code(), cause != null ? cause.getMessage()
                            : ctx.getErrors().stream().map(Error::getMessage).toList());
        }
        return response.body(error).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The catalogue's code, our message, and the request field the framework could not read. */
    static ApiError translate(int status, Throwable cause, ErrorContext ctx) {
        String field = ctx == null || !ctx.hasErrors() ? null : ctx.getErrors().get(0).getPath().orElse(null);
        if (status == 400) {
            for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UnsatisfiedBodyRouteException u) {
                    return new ApiError("missing_body", "the request needs a body (" + u.getArgument().getName() + ")",
                            u.getArgument().getName());
                }
                if (t instanceof UnsatisfiedRouteException u) {
                    return new ApiError("missing_field", u.getArgument().getName() + " is required",
                            u.getArgument().getName());
                }
                if (t instanceof ConversionErrorException c) {
                    String name = c.getArgument().getName();
                    if (isBody(c)) {
                        return new ApiError("bad_json", "the body is not JSON of the expected shape", name);
                    }
                    return new ApiError("bad_value", name + " cannot be read as " + kind(c.getArgument().getType())
                            + ": '" + c.getConversionError().getOriginalValue().map(String::valueOf).orElse("") + "'", name);
                }
                if (t instanceof SerdeException || t instanceof CodecException
                        || t.getClass().getName().startsWith("com.fasterxml.jackson")) {
                    return new ApiError("bad_json", "the body is not JSON of the expected shape", field);
                }
            }
            return new ApiError("bad_request", "the request is not understood", field);
        }
        boolean login = ctx != null && "/login".equals(ctx.getRequest().getPath());
        String code = switch (status) {
            case 401 -> login ? "login_failed" : "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            default -> "bad_request";
        };
        String message = ErrorCatalogue.entries().stream().filter(e -> e.code().equals(code)).findFirst()
                .map(ErrorCatalogue.Entry::meaning).orElse("the request is not understood");
        return new ApiError(code, message, field);
    }

    /** A body that does not deserialize comes as a conversion error of the body argument, with the codec's cause. */
    private static boolean isBody(ConversionErrorException c) {
        for (Throwable t = c.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerdeException || t instanceof CodecException
                    || t.getClass().getName().startsWith("com.fasterxml.jackson")) {
                return true;
            }
        }
        return c.getArgument().getAnnotationMetadata().hasAnnotation(io.micronaut.http.annotation.Body.class);
    }

    private static String kind(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName();
    }
}
