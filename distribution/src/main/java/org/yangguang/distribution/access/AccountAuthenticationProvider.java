package org.yangguang.distribution.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a username and password against {@code account} (for POST /login and HTTP Basic). Runs on the
 * blocking executor: it reads the database and PBKDF2 is deliberately slow. The role and the scope ids travel
 * in the token as the role and the attributes {@code county}, {@code township}, {@code village}.
 */
@Singleton
public class AccountAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private static final Logger LOG = LoggerFactory.getLogger(AccountAuthenticationProvider.class);
    /** A hash to compare against when the user does not exist, so timing does not reveal which usernames exist. */
    private final String dummyHash;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    public AccountAuthenticationProvider(AccountRepository accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.dummyHash = hasher.hash("not-a-password-" + System.nanoTime());
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> auth) {
        String username = auth.getIdentity();
        var account = accounts.findByUsername(username);
        if (account.isEmpty()) {
            hasher.matches(auth.getSecret(), dummyHash);
            LOG.info("login refused: unknown user");
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        Account a = account.get();
        if (!hasher.matches(auth.getSecret(), a.passwordHash())) {
            LOG.info("login refused for {}: wrong password", username);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        if (!a.enabled()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
        }
        return AuthenticationResponse.success(a.username(), List.of(a.role().name()), attributes(a));
    }

    static Map<String, Object> attributes(Account a) {
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("county", a.countyId());
        if (a.townshipId() != null) {
            attrs.put("township", a.townshipId());
        }
        if (a.villageId() != null) {
            attrs.put("village", a.villageId());
        }
        return attrs;
    }
}
