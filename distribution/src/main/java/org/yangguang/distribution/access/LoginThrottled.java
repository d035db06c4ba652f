package org.yangguang.distribution.access;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.yangguang.distribution.api.ApiError;

import java.time.Duration;

/**
 * A login refused before it was checked, because the account or the client address failed too often lately
 * ({@link LoginThrottle}). Thrown by {@link AccountAuthenticationProvider}; for POST /login and for HTTP Basic alike
 * it becomes 429 {@code too_many_login_attempts} with {@code Retry-After} in seconds.
 */
public final class LoginThrottled extends RuntimeException {
    private final transient LoginThrottle.Refusal refusal;

    LoginThrottled(LoginThrottle.Refusal refusal) {
        super(message(refusal), null, false, false);
        this.refusal = refusal;
    }

    /** Whole seconds, rounded up: a client that waits this long is admitted. */
    public long retryAfterSeconds() {
        Duration d = refusal.retryAfter();
        return Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
    }

    private static String message(LoginThrottle.Refusal r) {
        String who = r.kind() == LoginThrottle.Kind.ACCOUNT ? "this user name" : "this address";
        return (r.lockedOut() ? "too many failed logins for " + who + ": locked for now"
                : "too many failed logins for " + who) + "; try again in " + seconds(r.retryAfter()) + " s";
    }

    private static long seconds(Duration d) {
        return Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
    }

    /** 429 with Retry-After and the API's error body. */
    @Produces
    @Singleton
    static final class Handler implements ExceptionHandler<LoginThrottled, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, LoginThrottled e) {
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                    .body(new ApiError("too_many_login_attempts", e.getMessage(), "username"));
        }
    }
}
