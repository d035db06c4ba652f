package org.yangguang.distribution.settlement;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiException;

import java.util.List;

/**
 * A settlement file with bad lines: nothing of it was imported, and every bad line is listed with its field and
 * reason (422, body {@link Body}: the API's code/message/field plus {@code errors}).
 */
public final class ImportRejected extends ApiException {
    private final List<ImportReport.LineError> errors;

    public ImportRejected(List<ImportReport.LineError> errors) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "import_rejected", errors.size() + " line(s) of the file are wrong; "
                + "nothing was imported: correct them and import the whole file again", "file");
        this.errors = List.copyOf(errors);
    }

    public List<ImportReport.LineError> errors() {
        return errors;
    }

    @Serdeable
    public record Body(String code, String message, String field, int rejected, List<ImportReport.LineError> errors) {
    }

    @Produces
    @Singleton
    @Requires(classes = {ImportRejected.class, ExceptionHandler.class})
    public static final class Handler implements ExceptionHandler<ImportRejected, HttpResponse<Body>> {
        @Override
        public HttpResponse<Body> handle(HttpRequest request, ImportRejected e) {
            return HttpResponse.<Body>status(e.status()).body(new Body(e.code(), e.getMessage(), e.field(),
                    e.errors.size(), e.errors));
        }
    }
}
