package org.yangguang.distribution;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /health is what systemd's operator, a load balancer and the package test ask without an account: UP with the
 * database checked; which check said what is for logged-in users only, and no other management endpoint is open.
 */
class HealthTest {
    @Test
    void healthAnswersWithoutLoginAndShowsItsChecksOnlyToALoggedInUser() {
        DistributionApp app = SharedApps.app(SharedApps.Db.H2);
        HttpResponse<Map> anonymous = app.http().exchange(HttpRequest.GET("/health"), Map.class);
        assertThat(anonymous.getStatus().getCode()).isEqualTo(200);
        Map<?, ?> body = anonymous.body();
        assertThat(body.get("status")).isEqualTo("UP");
        assertThat(body.get("details")).isNull();

        Map<?, ?> operator = app.get("operator", "/health", Map.class);
        assertThat(operator.get("status")).isEqualTo("UP");
        assertThat(((Map<?, ?>) operator.get("details")).keySet()).map(String::valueOf).contains("jdbc");

        for (String closed : new String[]{"/routes", "/beans", "/env", "/loggers", "/threaddump"}) {
            assertThat(app.refusal(HttpRequest.GET(closed)).status()).as(closed).isIn(401, 404);
        }
    }
}
