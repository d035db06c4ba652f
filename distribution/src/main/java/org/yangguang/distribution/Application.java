package org.yangguang.distribution;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.security.SecureRandom;
import java.util.Base64;

/** The distribution service: registry, revenue, allocation, payments and ledger over HTTP. */
@OpenAPIDefinition(
        info = @Info(title = "Yangguang distribution", version = "0.1",
                description = "Registry, revenue, settlement, allocation plans, payments and ledger of PV "
                        + "poverty-alleviation stations. Every error body is {code, message, field}."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {
    private Application() {
    }

    static final String JWT_SECRET = "micronaut.security.token.jwt.signatures.secret.generator.secret";

    public static void main(String[] args) {
        ensureTokenSecret();
        Micronaut.run(Application.class, args);
    }

    /**
     * Tokens are signed with YANGGUANG_JWT_SECRET (or -D{@value #JWT_SECRET}). Without one, a random key is made
     * for this process: logins then do not survive a restart, which is fine for a demo and safe by default (no
     * signing key is ever committed).
     */
    static void ensureTokenSecret() {
        String env = System.getenv("YANGGUANG_JWT_SECRET");
        if (System.getProperty(JWT_SECRET) != null) {
            return;
        }
        if (env != null && !env.isBlank()) {
            System.setProperty(JWT_SECRET, env);
            return;
        }
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        System.setProperty(JWT_SECRET, Base64.getEncoder().encodeToString(key));
        System.err.println("distribution: no YANGGUANG_JWT_SECRET set; tokens are signed with a per-process key");
    }
}
