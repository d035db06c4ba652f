package org.yangguang.distribution.access;

import io.micronaut.security.authentication.Authentication;
import org.yangguang.distribution.api.ApiException;
import io.micronaut.http.HttpStatus;

/** The {@link Actor} behind an authenticated request (role and scope from the token's claims). */
public final class Actors {
    private Actors() {
    }

    public static Actor of(Authentication auth) {
        if (auth == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "log in first", null);
        }
        Role role = auth.getRoles().stream().findFirst().map(Role::valueOf).orElseThrow(() ->
                new ApiException(HttpStatus.FORBIDDEN, "forbidden", "the token carries no role", null));
        return new Actor(auth.getName(), role, number(auth, "county"), nullableNumber(auth, "township"),
                nullableNumber(auth, "village"));
    }

    private static long number(Authentication auth, String key) {
        Long v = nullableNumber(auth, key);
        if (v == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "the token carries no " + key + " scope", null);
        }
        return v;
    }

    private static Long nullableNumber(Authentication auth, String key) {
        Object v = auth.getAttributes().get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            return Long.parseLong(s);
        }
        return null;
    }
}
