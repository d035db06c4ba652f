package org.yangguang.distribution.access;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code yangguang.service-accounts.<name>.role=COLLECTOR|INSTALLER}, {@code .county=lin} and {@code .secret-file=}
 * a file holding the secret (one line; the package's postinst or the launcher makes it, mode 600) — or {@code .secret}
 * for an environment variable. Read at every start: changing the file and restarting rotates the secret.
 */
@EachProperty("yangguang.service-accounts")
public final class ServiceAccountConfig {
    private final String name;
    private String role;
    private String county;
    private String secretFile;
    private String secret;

    public ServiceAccountConfig(@Parameter String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public @Nullable String getRole() {
        return role;
    }

    public void setRole(@Nullable String role) {
        this.role = role;
    }

    public @Nullable String getCounty() {
        return county;
    }

    public void setCounty(@Nullable String county) {
        this.county = county;
    }

    public @Nullable String getSecretFile() {
        return secretFile;
    }

    public void setSecretFile(@Nullable String secretFile) {
        this.secretFile = secretFile;
    }

    public @Nullable String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }
}
