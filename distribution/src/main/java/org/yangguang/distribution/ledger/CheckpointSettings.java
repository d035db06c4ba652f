package org.yangguang.distribution.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Where checkpoints go and which key signs and checks them; the service (Micronaut configuration) and
 * {@code ./yangguang ledger verify} (system properties, then environment) read the same keys:
 *
 * <table>
 *   <tr><td>{@code yangguang.ledger.checkpoint-dir} (YANGGUANG_LEDGER_CHECKPOINT_DIR)</td>
 *       <td>append-only directory outside the database; default {@value #DEFAULT_DIR}</td></tr>
 *   <tr><td>{@code yangguang.ledger.signing-key} (YANGGUANG_LEDGER_SIGNING_KEY)</td>
 *       <td>base64 PKCS#8 Ed25519 private key (./yangguang ledger keygen)</td></tr>
 *   <tr><td>{@code yangguang.ledger.signing-key-file} (YANGGUANG_LEDGER_SIGNING_KEY_FILE)</td>
 *       <td>a file holding it instead</td></tr>
 *   <tr><td>{@code yangguang.ledger.public-keys} (YANGGUANG_LEDGER_PUBLIC_KEYS)</td>
 *       <td>base64 X.509 public keys, comma-separated, trusted besides the signing key's own (rotation, auditors)</td></tr>
 * </table>
 */
public record CheckpointSettings(Path dir, CheckpointKey signingKey, List<PublicKey> trustedKeys) {
    public static final String DEFAULT_DIR = "/var/lib/yangguang/ledger-checkpoints";

    /** From the values as configured (blank = not set). */
    public static CheckpointSettings of(String dir, String signingKey, String signingKeyFile, String publicKeys) {
        CheckpointKey key = null;
        if (!blank(signingKey)) {
            key = CheckpointKey.fromPrivate(signingKey);
        } else if (!blank(signingKeyFile)) {
            try {
                key = CheckpointKey.fromPrivate(Files.readString(Path.of(signingKeyFile.strip())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read yangguang.ledger.signing-key-file " + signingKeyFile, e);
            }
        }
        List<PublicKey> trusted = new ArrayList<>();
        if (key != null) {
            trusted.add(key.publicKey());
        }
        if (!blank(publicKeys)) {
            for (String k : publicKeys.split(",")) {
                if (!k.isBlank()) {
                    trusted.add(CheckpointKey.publicKey(k));
                }
            }
        }
        return new CheckpointSettings(Path.of(blank(dir) ? DEFAULT_DIR : dir.strip()), key, List.copyOf(trusted));
    }

    /** As {@code ./yangguang ledger} sees them: -Dkey, then the environment variable. */
    public static CheckpointSettings fromEnvironment() {
        return of(setting("yangguang.ledger.checkpoint-dir"), setting("yangguang.ledger.signing-key"),
                setting("yangguang.ledger.signing-key-file"), setting("yangguang.ledger.public-keys"));
    }

    /** A configuration key from -D, else from its environment variable (upper case, '.' and '-' as '_'). */
    static String setting(String key) {
        String v = System.getProperty(key);
        if (blank(v)) {
            v = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
