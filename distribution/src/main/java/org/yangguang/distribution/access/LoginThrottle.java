package org.yangguang.distribution.access;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per account and per client address, with growing delays and a temporary lockout (OWASP
 * Authentication Cheat Sheet, "Protect Against Automated Attacks"). A key's first {@code free} failures cost
 * nothing; after that the next attempt is admitted only {@code base × 2^(failures − free)} (at most {@code max})
 * after the last failure, and at {@code lockoutAfter} failures the key is locked out for {@code lockout}. An
 * attempt that comes too early is refused before the database or PBKDF2 is touched, so refusing costs no CPU:
 * the delay is not served by a sleeping thread but by a 429 with Retry-After. Once a key is throttled only one
 * attempt at a time is evaluated, so parallel guesses do not slip through between two failures.
 *
 * <p>Account keys are the names as typed (lower-cased), whether or not such an account exists, so throttling does
 * not tell which names exist. A success clears the account's failures, never the address's (one right password
 * from a village office must not reset a guesser behind the same router). A key with no failure for
 * {@code forgetAfter} is forgotten; at most {@value #MAX_KEYS} keys per kind are kept (the least recently failed
 * go first), so a spray of random names cannot fill the memory.
 */
@Singleton
public final class LoginThrottle {
    static final int MAX_KEYS = 100_000;

    /** Why an attempt was refused and when the next one is admitted. */
    public record Refusal(Kind kind, Duration retryAfter, boolean lockedOut) {
    }

    /** A lockout that started with a failure, to be audited. */
    public record Lockout(Kind kind, String key, int failures, Instant until) {
    }

    public enum Kind {
        ACCOUNT, ADDRESS;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The numbers of one kind of key. */
    public record Policy(int free, int lockoutAfter, Duration base, Duration max, Duration lockout) {
        Duration delay(int failures) {
            if (failures < free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(30, failures - free);
            Duration d = base.multipliedBy(1L << doublings);
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    private static final class State {
        int failures;
        int pending;
        Instant lastFailure = Instant.EPOCH;
        Instant lockedUntil = Instant.EPOCH;
    }

    private final Clock clock;
    private final Duration forgetAfter;
    private final Map<Kind, Policy> policies;
    private final Map<Kind, LinkedHashMap<String, State>> states = Map.of(Kind.ACCOUNT, new LinkedHashMap<>(),
            Kind.ADDRESS, new LinkedHashMap<>());

    public LoginThrottle(Clock clock,
                         @Value("${yangguang.security.login.account-free-failures:3}") int accountFree,
                         @Value("${yangguang.security.login.account-lockout-after:10}") int accountLockoutAfter,
                         @Value("${yangguang.security.login.address-free-failures:10}") int addressFree,
                         @Value("${yangguang.security.login.address-lockout-after:50}") int addressLockoutAfter,
                         @Value("${yangguang.security.login.first-delay:1s}") Duration base,
                         @Value("${yangguang.security.login.max-delay:60s}") Duration max,
                         @Value("${yangguang.security.login.lockout:15m}") Duration lockout,
                         @Value("${yangguang.security.login.forget-after:1h}") Duration forgetAfter) {
        this.clock = clock;
        this.forgetAfter = forgetAfter;
        this.policies = Map.of(Kind.ACCOUNT, policy("account", accountFree, accountLockoutAfter, base, max, lockout),
                Kind.ADDRESS, policy("address", addressFree, addressLockoutAfter, base, max, lockout));
    }

    private static Policy policy(String kind, int free, int lockoutAfter, Duration base, Duration max, Duration lockout) {
        if (free < 1 || lockoutAfter <= free) {
            throw new IllegalStateException("yangguang.security.login." + kind + "-lockout-after (" + lockoutAfter
                    + ") must be greater than " + kind + "-free-failures (" + free + "), which must be at least 1");
        }
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || lockout.compareTo(max) < 0) {
            throw new IllegalStateException("yangguang.security.login: need 0 < first-delay <= max-delay <= lockout");
        }
        return new Policy(free, lockoutAfter, base, max, lockout);
    }

    /**
     * Admits an attempt for {@code username} from {@code address}, or says why not. An admitted attempt must be
     * ended with {@link #failed} or {@link #succeeded}.
     */
    public synchronized Optional<Refusal> admit(String username, String address) {
        Instant now = clock.instant();
        String account = accountKey(username);
        Optional<Refusal> r = refusal(Kind.ACCOUNT, account, now);
        if (r.isEmpty()) {
            r = refusal(Kind.ADDRESS, address, now);
        }
        if (r.isPresent()) {
            return r;
        }
        state(Kind.ACCOUNT, account).pending++;
        state(Kind.ADDRESS, address).pending++;
        return Optional.empty();
    }

    private Optional<Refusal> refusal(Kind kind, String key, Instant now) {
        State s = states.get(kind).get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (now.isBefore(s.lockedUntil)) {
            return Optional.of(new Refusal(kind, Duration.between(now, s.lockedUntil), true));
        }
        Instant allowedAt = s.lastFailure.plus(policies.get(kind).delay(s.failures));
        if (now.isBefore(allowedAt)) {
            return Optional.of(new Refusal(kind, Duration.between(now, allowedAt), false));
        }
        if (s.pending > 0 && s.failures + s.pending >= policies.get(kind).free()) {
            // throttled: one attempt at a time; the next may go once this one's outcome is known
            return Optional.of(new Refusal(kind, policies.get(kind).base(), false));
        }
        return Optional.empty();
    }

    /** The admitted attempt failed; returns the lockouts it started (to be audited). */
    public synchronized List<Lockout> failed(String username, String address) {
        Instant now = clock.instant();
        List<Lockout> started = new ArrayList<>();
        fail(Kind.ACCOUNT, accountKey(username), now).ifPresent(started::add);
        fail(Kind.ADDRESS, address, now).ifPresent(started::add);
        return started;
    }

    private Optional<Lockout> fail(Kind kind, String key, Instant now) {
        State s = state(kind, key);
        s.pending = Math.max(0, s.pending - 1);
        s.failures++;
        s.lastFailure = now;
        // the map keeps keys in order of last failure (re-inserted), so pruning drops the least recent first
        states.get(kind).remove(key);
        states.get(kind).put(key, s);
        Policy p = policies.get(kind);
        if (s.failures >= p.lockoutAfter()) {
            s.lockedUntil = now.plus(p.lockout());
            return Optional.of(new Lockout(kind, key, s.failures, s.lockedUntil));
        }
        return Optional.empty();
    }

    /** The admitted attempt succeeded: the account starts afresh; the address keeps its failures. */
    public synchronized void succeeded(String username, String address) {
        states.get(Kind.ACCOUNT).remove(accountKey(username));
        State s = states.get(Kind.ADDRESS).get(address);
        if (s != null) {
            s.pending = Math.max(0, s.pending - 1);
        }
    }

    /** The admitted attempt ended without a verdict (an error): it counts as nothing. */
    public synchronized void abandoned(String username, String address) {
        for (var e : Map.of(Kind.ACCOUNT, accountKey(username), Kind.ADDRESS, address).entrySet()) {
            State s = states.get(e.getKey()).get(e.getValue());
            if (s != null) {
                s.pending = Math.max(0, s.pending - 1);
            }
        }
    }

    private State state(Kind kind, String key) {
        LinkedHashMap<String, State> map = states.get(kind);
        State s = map.get(key);
        if (s == null || forgotten(s)) {
            s = new State();
            map.put(key, s);
            prune(map);
        }
        return s;
    }

    private boolean forgotten(State s) {
        Instant now = clock.instant();
        return s.pending == 0 && !now.isBefore(s.lockedUntil) && now.isAfter(s.lastFailure.plus(forgetAfter));
    }

    private void prune(LinkedHashMap<String, State> map) {
        if (map.size() <= MAX_KEYS) {
            return;
        }
        map.values().removeIf(this::forgotten);
        var it = map.entrySet().iterator();
        while (map.size() > MAX_KEYS && it.hasNext()) {
            if (it.next().getValue().pending == 0) {
                it.remove();
            }
        }
    }

    static String accountKey(String username) {
        String k = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return k.length() > 64 ? k.substring(0, 64) : k;
    }
}
