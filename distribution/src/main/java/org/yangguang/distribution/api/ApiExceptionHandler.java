package org.yangguang.distribution.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link ApiException} into a response carrying {@link ApiError}. */
@Produces
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ApiException e) {
        LOG.info("refused {} {}: {} {} (field {})", request.getMethod(), request.getPath(), e.code(), e.getMessage(),
                e.field());
        return HttpResponse.<ApiError>status(e.status()).body(e.toError());
    }
}
