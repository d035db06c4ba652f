package org.yangguang.distribution.console;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.ConfigurationInterceptUrlMapRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The web console's static files (dashboards module, classpath {@code console/}) and the chart library (WebJars)
 * are public: the page must load before anyone can log in. Only GET/HEAD of these exact prefixes are let through;
 * every {@code /api} route keeps its own {@code @Secured} rule, which is checked before this one.
 */
@Singleton
final class ConsoleAssetsRule implements SecurityRule<HttpRequest<?>> {
    static final String[] PUBLIC_PREFIXES = {"/assets/", "/webjars/"};

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        if (request == null || !(request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        return Publishers.just(isPublic(request.getPath()) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    static boolean isPublic(String path) {
        if (path.equals("/") || path.equals("/index.html") || path.equals("/favicon.ico")) {
            return true;
        }
        if (path.contains("..")) {
            return false;
        }
        for (String prefix : PUBLIC_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        // after @Secured on controllers, alongside the configured intercept-url map
        return ConfigurationInterceptUrlMapRule.ORDER;
    }
}
