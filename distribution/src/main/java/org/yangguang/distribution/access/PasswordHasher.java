package org.yangguang.distribution.access;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes with PBKDF2-HMAC-SHA256 (NIST SP 800-132, in the JDK; no extra library), a random 16-byte
 * salt and a configurable work factor ({@code yangguang.security.pbkdf2-iterations}, default 310,000 as OWASP's
 * password storage cheat sheet recommended for PBKDF2-SHA256 when this was written). Stored as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, so raising the work factor later keeps old hashes
 * verifiable. Comparison is constant-time.
 */
@Singleton
public final class PasswordHasher {
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int MIN_LENGTH = 12;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Hashes derived so far: the CPU the service spent on passwords (the login throttle keeps refusals out of it). */
    private final java.util.concurrent.atomic.AtomicLong derivations = new java.util.concurrent.atomic.AtomicLong();

    public PasswordHasher(@Value("${yangguang.security.pbkdf2-iterations:310000}") int iterations) {
        if (iterations < 1000) {
            throw new IllegalStateException("yangguang.security.pbkdf2-iterations must be at least 1000");
        }
        this.iterations = iterations;
    }

    public static void requireStrong(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw org.yangguang.distribution.api.ApiException.badRequest("weak_password",
                    "a password needs at least " + MIN_LENGTH + " characters", "password");
        }
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    public boolean matches(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0]) || password == null) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(password, salt, Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    public long derivations() {
        return derivations.get();
    }

    private byte[] derive(String password, byte[] salt, int iterations) {
        derivations.incrementAndGet();
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}
