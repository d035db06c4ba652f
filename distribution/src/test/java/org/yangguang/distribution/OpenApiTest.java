package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.api.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated OpenAPI document is served, covers every route, and framework errors use the API error body. */
class OpenApiTest {

    @Test
    void everyRouteIsDocumented() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        String yaml = app.http().retrieve(HttpRequest.GET("/swagger/yangguang-distribution-0.1.yml"), String.class);
        Set<String> routes = app.bean(Router.class).uriRoutes()
                .map(r -> r.getUriMatchTemplate().toString().replaceAll("\\{\\?.*}", ""))
                .filter(t -> t.startsWith("/api") || t.startsWith("/h/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).isNotEmpty();
        for (String route : routes) {
            assertThat(yaml).as(route).contains("\n  " + route + ":");
        }
        assertThat(yaml).contains("bearerFormat: JWT");
    }

    @Test
    void swaggerUiAndTheYamlAreServedWithTheirMediaTypes() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        HttpResponse<String> yaml = app.http().exchange(HttpRequest.GET("/swagger/yangguang-distribution-0.1.yml"), String.class);
        assertThat(yaml.getContentType()).map(Object::toString).contains("application/yaml");
        assertThat(yaml.body()).startsWith("openapi: 3");

        HttpResponse<String> page = app.http().exchange(HttpRequest.GET("/swagger/"), String.class);
        assertThat(page.getContentType()).map(Object::toString).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        // every script and style the page loads is served here, without a login (the WebJar is on the classpath)
        Matcher refs = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(page.body());
        List<String> loaded = new ArrayList<>();
        while (refs.find()) {
            loaded.add(refs.group(1));
            assertThat(app.http().exchange(HttpRequest.GET(refs.group(1)), byte[].class).getStatus().getCode())
                    .as(refs.group(1)).isEqualTo(200);
        }
        assertThat(loaded).anyMatch(r -> r.matches("/webjars/swagger-ui/\\d+\\.\\d+\\.\\d+/swagger-ui-bundle\\.js"))
                .contains("/swagger/swagger-initializer.js");
        String init = app.http().retrieve(HttpRequest.GET("/swagger/swagger-initializer.js"), String.class);
        String spec = init.replaceAll("(?s).*url: '([^']+)'.*", "$1");
        assertThat(app.http().exchange(HttpRequest.GET(spec), String.class).getStatus().getCode()).isEqualTo(200);

        // /swagger without the slash leads to the page; nothing but a document name reaches the classpath
        assertThat(app.refusal(HttpRequest.GET("/swagger/..%2Fapplication.yml")).status()).isIn(400, 401, 404);
        try {
            app.http().exchange(HttpRequest.GET("/swagger"), String.class);
        } catch (HttpClientResponseException e) {
            throw new AssertionError("/swagger: " + e.getStatus(), e);
        }
    }

    @Test
    void frameworkErrorsCarryCodeMessageAndField() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        DistributionApp.Refusal missing = app.refusal("finance",
                HttpRequest.GET("/api/stations/lin-baiwen-01/distributable?from=2026-01-01"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().code()).isEqualTo("missing_field");
        assertThat(missing.error().field()).isEqualTo("to");
        DistributionApp.Refusal notJson = app.refusal("admin", HttpRequest.POST("/api/accounts", "{not json")
                .contentType("application/json"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error().code()).isEqualTo("bad_json");
        try {
            app.http().exchange(HttpRequest.GET("/api/no-such-thing").bearerAuth(app.token("admin")), String.class);
            throw new AssertionError("expected 404");
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(404);
            assertThat(e.getResponse().getBody(ApiError.class).orElseThrow().code()).isEqualTo("not_found");
        }
    }
}
