package org.yangguang.distribution.access;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Service roles reach only what their program needs, whatever a route's own rule says: most routes admit every
 * authenticated user of the county and narrow by person roles, which would let a collector's credential read
 * households. This runs before {@code @Secured} and refuses a service role everywhere outside its list; inside it,
 * the route's own checks still apply.
 */
@Singleton
final class ServiceRoleRule implements SecurityRule<HttpRequest<?>> {
    private record Allowed(Role role, HttpMethod method, Pattern path) {
    }

    private static final String CODE = "[a-z0-9][a-z0-9_-]{0,63}";
    static final List<Allowed> ALLOWED = List.of(
            new Allowed(Role.COLLECTOR, HttpMethod.GET, Pattern.compile("/api/registry")),
            new Allowed(Role.COLLECTOR, HttpMethod.GET, Pattern.compile("/api/registry/stations/" + CODE)),
            new Allowed(Role.INSTALLER, HttpMethod.GET, Pattern.compile("/api/registry/stations/" + CODE)),
            new Allowed(Role.INSTALLER, HttpMethod.POST, Pattern.compile("/api/registry/stations/" + CODE + "/scans")));

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (request == null || authentication == null) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        for (String name : authentication.getRoles()) {
            Role role;
            try {
                role = Role.valueOf(name);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (role.isService() && !allowed(role, request.getMethod(), request.getPath())) {
                return Publishers.just(SecurityRuleResult.REJECTED);
            }
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    static boolean allowed(Role role, HttpMethod method, String path) {
        return ALLOWED.stream().anyMatch(a -> a.role() == role && a.method() == method && a.path().matcher(path).matches());
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 100;
    }
}
