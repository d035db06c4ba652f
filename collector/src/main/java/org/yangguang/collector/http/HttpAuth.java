package org.yangguang.collector.http;

import java.util.Locale;

/**
 * Which routes need the bearer token ({@code --http-auth}). {@link #API}: the station data under {@code /api};
 * {@code /health} and {@code /metrics} stay open for probes and Prometheus on a trusted network. {@link #ALL}:
 * every route, for a collector whose HTTP port is reachable from where it should not be.
 */
public enum HttpAuth {
    API, ALL;

    public static HttpAuth parse(String v) {
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be api (only /api needs the token) or all (every route does)");
        }
    }
}
