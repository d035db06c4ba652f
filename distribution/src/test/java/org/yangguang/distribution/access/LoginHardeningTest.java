package org.yangguang.distribution.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yangguang.distribution.DistributionApp;
import org.yangguang.distribution.TestClock;
import org.yangguang.distribution.api.ApiError;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP, on the real service: failed logins slow down and lock out, for POST /login and HTTP Basic alike, with
 * 429 and Retry-After, without spending PBKDF2 on refused attempts; lockouts are in the audit trail; tokens live 8 h.
 */
class LoginHardeningTest {
    private DistributionApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void start(Map<String, Object> more) {
        Map<String, Object> p = new java.util.HashMap<>(more);
        p.put("yangguang.demo.seed", "true");
        app = DistributionApp.start(DistributionApp.h2(), p);
    }

    @Test
    void wrongPasswordsSlowDownThenLockOutForLoginAndBasicAlike() {
        // the address limit out of the way: this test is about the account (all requests come from 127.0.0.1)
        // delays long enough that the test's own pace never matters (the defaults start at 1 s)
        start(Map.of("yangguang.security.login.address-free-failures", "1000",
                "yangguang.security.login.address-lockout-after", "2000",
                "yangguang.security.login.first-delay", "30s", "yangguang.security.login.max-delay", "8m"));
        TestClock clock = app.bean(TestClock.class);
        PasswordHasher hasher = app.bean(PasswordHasher.class);
        for (int i = 0; i < 3; i++) {
            assertThat(login("vc-yaotou", "wrong-password-" + i).status).isEqualTo(401);
        }
        long hashes = hasher.derivations();
        // the 4th attempt within the first delay is refused before any hash, by /login and by Basic, right password or not
        for (int i = 0; i < 20; i++) {
            Answer refused = i % 2 == 0 ? login("vc-yaotou", DistributionApp.DEMO_PASSWORD) : basic("vc-yaotou", "guess-" + i);
            assertThat(refused.status).isEqualTo(429);
            assertThat(Long.parseLong(refused.retryAfter)).isBetween(29L, 30L);
            assertThat(refused.error.code()).isEqualTo("too_many_login_attempts");
            assertThat(refused.error.message()).matches("too many failed logins for this user name; try again in (29|30) s");
        }
        assertThat(hasher.derivations()).as("no PBKDF2 for refused attempts").isEqualTo(hashes);

        // each next failure doubles the wait; the 10th locks the account for 15 minutes
        long wait = 30;
        for (int failure = 4; failure <= 10; failure++) {
            assertThat(basic("vc-yaotou", "too-early-" + failure).status).isEqualTo(429);
            clock.advance(Duration.ofSeconds(wait));
            assertThat(basic("vc-yaotou", "wrong-again-" + failure).status).isEqualTo(401);
            wait = Math.min(480, wait * 2);
        }
        Answer locked = login("vc-yaotou", DistributionApp.DEMO_PASSWORD);
        assertThat(locked.status).isEqualTo(429);
        assertThat(Long.parseLong(locked.retryAfter)).isBetween(899L, 900L);
        assertThat(locked.error.message()).startsWith("too many failed logins for this user name: locked for now");
        // another account from the same address is not affected
        assertThat(login("vc-fanjiagou", DistributionApp.DEMO_PASSWORD).status).isEqualTo(200);

        var audit = app.bean(AuditRepository.class).findByEntityAndEntityKeyOrderById("login_account", "vc-yaotou");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).action()).isEqualTo("login_lockout");
        assertThat(audit.get(0).actor()).isEqualTo("system");
        assertThat(audit.get(0).detail()).startsWith("10 failed logins for account vc-yaotou, the last as 'vc-yaotou' from 127.0.0.1; locked until");

        clock.advance(Duration.ofMinutes(15));
        assertThat(login("vc-yaotou", DistributionApp.DEMO_PASSWORD).status).isEqualTo(200);
    }

    @Test
    void oneAddressGuessingManyNamesIsThrottledAndLockedOut() {
        start(Map.of("yangguang.security.login.address-free-failures", "4",
                "yangguang.security.login.address-lockout-after", "6", "yangguang.security.login.first-delay", "30s"));
        TestClock clock = app.bean(TestClock.class);
        for (int i = 0; i < 4; i++) {
            assertThat(login("nobody-" + i, "password-" + i).status).isEqualTo(401);
        }
        Answer slowed = basic("nobody-9", "password-9");
        assertThat(slowed.status).isEqualTo(429);
        assertThat(slowed.error.message()).matches("too many failed logins for this address; try again in (29|30) s");
        clock.advance(Duration.ofSeconds(30));
        assertThat(login("nobody-5", "x-password-5").status).isEqualTo(401);
        clock.advance(Duration.ofSeconds(60));
        assertThat(login("nobody-6", "x-password-6").status).isEqualTo(401);
        Answer locked = login("operator", DistributionApp.DEMO_PASSWORD);
        assertThat(locked.status).isEqualTo(429);
        assertThat(locked.error.message()).startsWith("too many failed logins for this address: locked for now");
        assertThat(app.bean(AuditRepository.class).findByEntityAndEntityKeyOrderById("login_address", "127.0.0.1"))
                .extracting(AuditEvent::action).containsExactly("login_lockout");
    }

    @Test
    void theTokenLivesTheDocumentedEightHours() throws Exception {
        start(Map.of());
        Instant before = Instant.now();
        Map<?, ?> r = app.http().retrieve(HttpRequest.POST("/login",
                Map.of("username", "finance", "password", DistributionApp.DEMO_PASSWORD)), Map.class);
        assertThat(((Number) r.get("expires_in")).longValue()).isEqualTo(28_800L);
        String[] jwt = ((String) r.get("access_token")).split("\\.");
        Map<?, ?> claims = app.bean(io.micronaut.json.JsonMapper.class).readValue(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8), Map.class);
        long exp = ((Number) claims.get("exp")).longValue();
        long iat = ((Number) claims.get("iat")).longValue();
        assertThat(exp - iat).isEqualTo(28_800L);
        assertThat(exp).isBetween(before.getEpochSecond() + 28_800 - 5, Instant.now().getEpochSecond() + 28_800 + 5);
    }

    private record Answer(int status, String retryAfter, ApiError error) {
    }

    private Answer login(String user, String password) {
        return send(HttpRequest.POST("/login", Map.of("username", user, "password", password)));
    }

    private Answer basic(String user, String password) {
        return send(HttpRequest.GET("/api/me").basicAuth(user, password));
    }

    private Answer send(HttpRequest<?> request) {
        try {
            HttpResponse<String> r = app.http().exchange(request, String.class);
            return new Answer(r.getStatus().getCode(), null, null);
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus().getCode(), e.getResponse().getHeaders().get("Retry-After"),
                    e.getResponse().getBody(ApiError.class).orElse(null));
        }
    }
}
