package org.yangguang.distribution.telemetry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yangguang.distribution.api.ApiError;

/** Energy that cannot be determined is a 503 with code {@code energy_unavailable}, never a guessed amount. */
@Produces
@Singleton
public final class EnergyUnavailableHandler
        implements ExceptionHandler<EnergyUnavailableException, HttpResponse<ApiError>> {
    private static final Logger LOG = LoggerFactory.getLogger(EnergyUnavailableHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, EnergyUnavailableException e) {
        LOG.warn("energy unavailable for {}: {}", request.getPath(), e.getMessage());
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("energy_unavailable", e.getMessage(), null));
    }
}
