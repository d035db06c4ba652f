package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.api.ApiError;

import java.util.Set;
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
    void frameworkErrorsCarryCodeMessageAndField() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        DistributionApp.Refusal missing = app.refusal("finance",
                HttpRequest.GET("/api/stations/lin-baiwen-01/distributable?from=2026-01-01"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().code()).isEqualTo("bad_request");
        assertThat(missing.error().message()).contains("to");
        DistributionApp.Refusal notJson = app.refusal("admin", HttpRequest.POST("/api/accounts", "{not json")
                .contentType("application/json"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error().code()).isEqualTo("bad_request");
        try {
            app.http().exchange(HttpRequest.GET("/api/no-such-thing").bearerAuth(app.token("admin")), String.class);
            throw new AssertionError("expected 404");
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(404);
            assertThat(e.getResponse().getBody(ApiError.class).orElseThrow().code()).isEqualTo("not_found");
        }
    }
}
