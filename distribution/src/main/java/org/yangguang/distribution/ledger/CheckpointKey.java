package org.yangguang.distribution.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key that signs checkpoints (JDK only, no library). The private key is given as base64 PKCS#8 (what
 * {@code ./yangguang ledger keygen} writes); its public key is derived from it, so one value in the environment is
 * enough. A key is named by its fingerprint: the first 16 hex digits of SHA-256 over its X.509 encoding.
 */
public final class CheckpointKey {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static CheckpointKey generate() {
        try {
            KeyPair p = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointKey(p.getPrivate(), p.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 in this JDK", e);
        }
    }

    /** From base64 PKCS#8; the public half is derived (the JDK computes it from the 32-byte seed). */
    public static CheckpointKey fromPrivate(String base64) {
        try {
            PrivateKey k = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64.strip())));
            byte[] seed = ((EdECPrivateKey) k).getBytes().orElseThrow(() ->
                    new IllegalArgumentException("the private key hides its bytes"));
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            // the generator draws its 32-byte private key from the random source: give it this key's seed
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            KeyPair pair = g.generateKeyPair();
            CheckpointKey key = new CheckpointKey(k, pair.getPublic());
            if (!verify(key.publicKey, "self-test", key.sign("self-test"))) {
                throw new IllegalStateException("the derived public key does not verify the key's own signature");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    /** A public key from base64 X.509 (what {@link #publicBase64()} prints). */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    public String sign(String message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verify(PublicKey key, String message, String signatureBase64) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String fingerprint() {
        return fingerprint(publicKey);
    }

    public String privateBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    public String publicBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
