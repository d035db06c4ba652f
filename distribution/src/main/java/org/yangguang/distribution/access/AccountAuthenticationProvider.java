package org.yangguang.distribution.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
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
import java.util.Optional;

/**
 * Checks a username and password against {@code account} (for POST /login and HTTP Basic). Runs on the
 * blocking executor: it reads the database and PBKDF2 is deliberately slow. The role and the scope ids travel
 * in the token as the role and the attributes {@code county}, {@code township}, {@code village}.
 *
 * <p>Every attempt first asks {@link LoginThrottle}: one that comes too soon after failures of the same account
 * or address is refused ({@link LoginThrottled}, 429) before the database or the hash is touched.
 */
@Singleton
public class AccountAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private static final Logger LOG = LoggerFactory.getLogger(AccountAuthenticationProvider.class);
    /** A hash to compare against when the user does not exist, so timing does not reveal which usernames exist. */
    private final String dummyHash;
    private final AccountRepository accounts;
    private final ServiceAccounts services;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final LoginAudit audit;
    private final HttpClientAddressResolver addresses;
    private final boolean addressFromHeader;

    public AccountAuthenticationProvider(AccountRepository accounts, ServiceAccounts services, PasswordHasher hasher, LoginThrottle throttle,
                                         LoginAudit audit, HttpClientAddressResolver addresses,
                                         @Value("${micronaut.server.client-address-header:}") String addressHeader) {
        this.accounts = accounts;
        this.services = services;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.addresses = addresses;
        this.addressFromHeader = !addressHeader.isBlank();
        this.dummyHash = hasher.hash("not-a-password-" + System.nanoTime());
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> auth) {
        String username = auth.getIdentity();
        String address = address(request);
        Optional<LoginThrottle.Refusal> refused = throttle.admit(username, address);
        if (refused.isPresent()) {
            LOG.debug("login throttled for '{}' from {}: {}", printable(username), address, refused.get());
            throw new LoginThrottled(refused.get());
        }
        AuthenticationResponse response;
        try {
            response = check(username, auth.getSecret());
        } catch (RuntimeException e) {
            throttle.abandoned(username, address);
            throw e;
        }
        if (response.isAuthenticated()) {
            throttle.succeeded(username, address);
        } else {
            for (LoginThrottle.Lockout l : throttle.failed(username, address)) {
                LOG.warn("login locked out: {} {} after {} failed logins, until {}", l.kind().word(), l.key(), l.failures(), l.until());
                audit.lockout(l, username, address);
            }
        }
        return response;
    }

    private AuthenticationResponse check(String username, String password) {
        var account = accounts.findByUsername(username);
        if (account.isEmpty()) {
            var service = services.find(username);
            if (service.isPresent()) {
                return checkService(service.get(), password);
            }
            hasher.matches(password, dummyHash);
            LOG.info("login refused: unknown user");
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        Account a = account.get();
        if (!hasher.matches(password, a.passwordHash())) {
            LOG.info("login refused for {}: wrong password", printable(username));
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        if (!a.enabled()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
        }
        return AuthenticationResponse.success(a.username(), List.of(a.role().name()), attributes(a));
    }

    /** A program's login ({@link ServiceAccount}): its service role and county travel like a person's. */
    private AuthenticationResponse checkService(ServiceAccount a, String password) {
        if (!hasher.matches(password, a.passwordHash())) {
            LOG.info("login refused for service account {}: wrong secret", printable(a.username()));
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        if (!a.enabled()) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_DISABLED);
        }
        return AuthenticationResponse.success(a.username(), List.of(a.role().name()), Map.of("county", a.countyId()));
    }

    /**
     * The client's address: the socket's peer, unless {@code micronaut.server.client-address-header} names the header
     * a reverse proxy in front of us sets. Forwarded/X-Forwarded-For are not trusted by default: a guesser would
     * write a new address into every request.
     */
    private String address(@Nullable HttpRequest<B> request) {
        if (request == null) {
            return "unknown";
        }
        String a = addressFromHeader ? addresses.resolve(request) : request.getRemoteAddress().getAddress().getHostAddress();
        return a == null ? "unknown" : printable(a);
    }

    /** A name or address as typed, safe for a log line or the audit trail (no control characters, at most 64). */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String p = s.codePoints().filter(c -> c >= 0x20 && c != 0x7f).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return p.length() > 64 ? p.substring(0, 64) : p;
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
