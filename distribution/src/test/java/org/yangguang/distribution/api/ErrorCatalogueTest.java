package org.yangguang.distribution.api;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.DistributionApp;
import org.yangguang.distribution.SharedApps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error catalogue is complete (every code the service's sources throw is listed, and nothing listed is dead),
 * it is served, and errors the framework raises come with a catalogue code and our own words, never the framework's
 * (issue 14: {@code Failed to convert argument [id] for value [abc]}, {@code Cannot deserialize … LineBasis}).
 * That the console translates every code is ConsoleLanguageBrowserTest's job (integration).
 */
class ErrorCatalogueTest {
    static final Path SOURCES = Path.of("src/main/java");
    /** Every way a code leaves the service: our exception, the error body, a rejected line of an imported file. */
    static final Pattern THROWN = Pattern.compile("(?:(?:badRequest|notFound|conflict)\\(|new ApiException\\(\\s*HttpStatus\\.\\w+\\s*,"
            + "|new ApiError\\(|LineError\\(\\s*[^,;]+,\\s*[^,;]+,|LineProblem\\(\\s*[^,;]+,)\\s*\"([a-z][a-z0-9_]*)\"");

    static final Pattern MAPPED = Pattern.compile("(?:new ApiError\\(|->)\\s*\"([a-z][a-z0-9_]*)\"");

    static Set<String> codesInSources() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                // the framework's errors are mapped by status in a switch: there the arrow hands out the code
                Pattern p = f.endsWith("ApiErrorResponseProcessor.java") ? MAPPED : THROWN;
                Matcher m = p.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void everyCodeTheServiceAnswersWithIsInTheCatalogue() throws IOException {
        Set<String> thrown = codesInSources();
        // the scan sees the codes, not just a few: a broken pattern must not pass for an empty list
        assertThat(thrown).hasSizeGreaterThan(100).contains("missing_field", "policy_violation", "bad_columns", "bad_json");
        Set<String> missing = thrown.stream().filter(c -> !ErrorCatalogue.contains(c))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("codes thrown but not in ErrorCatalogue (add them, and their translations to i18n.js)").isEmpty();
    }

    @Test
    void nothingInTheCatalogueIsDead() throws IOException {
        String all;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            all = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("ErrorCatalogue.java"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).collect(Collectors.joining("\n"));
        }
        List<String> dead = ErrorCatalogue.entries().stream().map(ErrorCatalogue.Entry::code)
                .filter(c -> !all.contains("\"" + c + "\"")).toList();
        assertThat(dead).as("catalogue codes no source answers with").isEmpty();
        assertThat(ErrorCatalogue.entries().stream().map(ErrorCatalogue.Entry::code).distinct().count())
                .isEqualTo(ErrorCatalogue.entries().size());
    }

    @Test
    void theCatalogueIsServedToAnyoneLoggedIn() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        assertThat(app.refusal(HttpRequest.GET("/api/catalogue")).status()).isEqualTo(401);
        List<Map<String, Object>> served = app.http().retrieve(HttpRequest.GET("/api/catalogue").bearerAuth(app.token("vc-yaotou")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(served).hasSize(ErrorCatalogue.entries().size());
        assertThat(served).anySatisfy(e -> assertThat(e).containsEntry("code", "missing_reason").containsKey("meaning"));
    }

    @Test
    void frameworkErrorsGetACatalogueCodeAndNoFrameworkText() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        // a path value that is not a number
        DistributionApp.Refusal notANumber = app.refusal("vc-yaotou", HttpRequest.GET("/api/plans/abc"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.error().code()).isEqualTo("bad_value");
        assertThat(notANumber.error().field()).isEqualTo("id");
        assertFrameworkFree(notANumber);

        // an enum value the type does not have, inside the body (the editor's old PROJECT basis)
        DistributionApp.Refusal badEnum = app.refusal("vc-yaotou", HttpRequest.POST("/api/villages/lin-yaotou/plans",
                "{\"period\":\"2026-01\",\"lines\":[{\"category\":\"SMALL_PROJECTS\",\"basis\":\"PROJECT\"}],\"reason\":\"x\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.error().code()).isEqualTo("bad_json");
        assertFrameworkFree(badEnum);

        // a body that is not JSON at all
        DistributionApp.Refusal notJson = app.refusal("vc-yaotou", HttpRequest.POST("/api/plans/1/transitions", "{not json")
                .contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error().code()).isEqualTo("bad_json");
        assertFrameworkFree(notJson);

        // no body where one is required
        DistributionApp.Refusal noBody = app.refusal("finance", HttpRequest.POST("/api/settlements/import", "")
                .contentType("text/csv").header("X-Reason", "test"));
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.error().code()).isIn("missing_body", "bad_header");
        assertFrameworkFree(noBody);

        // a wrong password at the login form
        DistributionApp.Refusal login = app.refusal(HttpRequest.POST("/login",
                Map.of("username", "vc-yaotou", "password", "not-the-password")).contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.error().code()).isEqualTo("login_failed");

        // a required query value missing
        DistributionApp.Refusal missing = app.refusal("finance",
                HttpRequest.GET("/api/stations/lin-baiwen-01/distributable?from=2026-01-01"));
        assertThat(missing.error().code()).isEqualTo("missing_field");
        assertThat(missing.error().field()).isEqualTo("to");
        assertFrameworkFree(missing);
    }

    static void assertFrameworkFree(DistributionApp.Refusal r) {
        assertThat(ErrorCatalogue.contains(r.error().code())).as(r.error().code()).isTrue();
        assertThat(r.error().message()).as("message of " + r.error().code())
                .doesNotContain("Failed to convert", "Cannot deserialize", "Required ", "java.", "org.yangguang", "io.micronaut",
                        "com.fasterxml", "Expected one of", "not specified");
    }
}
