package org.yangguang.distribution.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API docs: {@code /swagger/} is Swagger UI (META-INF/swagger/index.html over the swagger-ui WebJar), and the
 * OpenAPI documents the build generates into META-INF/swagger are served here rather than as static files, so
 * that they carry YAML's media type ({@code application/yaml}, RFC 9512) instead of text/plain.
 */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public final class ApiDocs {
    public static final MediaType YAML = MediaType.of("application/yaml");

    /** A document name is letters, digits, dots and dashes: nothing else of the classpath can be asked for. */
    @Get("/swagger/{document:[A-Za-z0-9][A-Za-z0-9._-]*\\.yml}")
    public HttpResponse<byte[]> document(String document) {
        InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream("META-INF/swagger/" + document);
        if (in == null) {
            throw ApiException.notFound("not_found", "no API document " + document + " (see /swagger/)", null);
        }
        try (InputStream s = in) {
            return HttpResponse.ok(s.readAllBytes()).contentType(YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
