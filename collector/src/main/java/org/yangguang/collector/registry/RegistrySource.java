package org.yangguang.collector.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the collector takes its stations and devices from when it is not standalone: distribution's registry
 * ({@code --registry-url}, GET {@code /api/registry}) with a service account's credential ({@code
 * --registry-credentials}, a file whose first line is {@code user:secret}), the last answer kept in {@code cache}
 * so a restart while distribution is down still knows every station, refreshed every {@code refresh}.
 */
public record RegistrySource(URI url, String user, String secret, Path cache, Duration refresh) {
    /** From a credentials file whose first line is {@code user:secret}. */
    public static RegistrySource of(String url, Path credentials, Path cache, Duration refresh) {
        String line;
        try {
            line = java.nio.file.Files.readAllLines(credentials).stream().findFirst().orElse("").strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the registry credentials " + credentials + ": " + e);
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || colon == line.length() - 1) {
            throw new IllegalArgumentException("the registry credentials " + credentials
                    + " must hold user:secret on their first line");
        }
        return new RegistrySource(URI.create(url.strip()), line.substring(0, colon), line.substring(colon + 1), cache, refresh);
    }

    public RegistrySource {
        Objects.requireNonNull(url, "registry url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("registry url must be http:// or https://, was " + url);
        }
        if (user == null || user.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the registry needs a service account: --registry-credentials FILE "
                    + "whose first line is user:secret");
        }
        Objects.requireNonNull(cache, "registry cache");
        if (refresh == null || refresh.toMillis() < 1000) {
            throw new IllegalArgumentException("registry refresh must be at least 1s, was " + refresh);
        }
    }

    /** The feed's address: {@code <url>/api/registry}, whatever the base URL ends with. */
    public URI feed() {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/registry");
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "RegistrySource[" + feed() + " as " + user + ", cache " + cache + ", refresh " + refresh + "]";
    }
}
