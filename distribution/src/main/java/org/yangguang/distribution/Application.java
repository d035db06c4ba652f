package org.yangguang.distribution;

import io.micronaut.runtime.Micronaut;

import java.security.SecureRandom;
import java.util.Base64;

/** The distribution service: registry, revenue, allocation, payments and ledger over HTTP. */
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
