package org.yangguang.distribution.ledger;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Signed checkpoints of the chain's head, written outside the database (issue 12 §6). After every committed ledger
 * transaction the service appends one line to {@code <dir>/checkpoints-<UTC date>.log}:
 * <pre>ygcp1 &lt;ledger id&gt; &lt;seq&gt; &lt;hash of entry seq&gt; &lt;time&gt; &lt;key fingerprint&gt; &lt;Ed25519 signature of the rest&gt;</pre>
 * and on start-up one of the head it finds.
 *
 * <p><b>Threat model.</b> The chain alone is an unkeyed SHA-256: whoever can write the database (its owner, a DBA)
 * can cut its tail, or change an entry and recompute every later hash, and the chain still looks intact. The
 * checkpoints stop that: they are signed with a key the database never holds (configuration or environment of the
 * service, never the repository) and kept where the database owner cannot change them (a directory the service's OS
 * user may only append to, e.g. {@code chattr +a}, a WORM mount, or a copy shipped off the machine — the backup copies
 * this directory). A cut tail leaves checkpoints naming entries that are gone; a rewritten entry no longer has the
 * hash a later checkpoint names (every hash depends on all before it). Someone who holds both the signing key and the
 * directory can forge history; keep them apart from the database and from each other where you can, and publish
 * heads (the 公示 PDF, household pages and payment batches print them) so copies exist outside your control.
 *
 * <p>Without a configured key the service signs with a key of its own process and appends its public key to
 * {@code public-keys.txt} beside the checkpoints (a warning says so): this still catches a database owner, not
 * someone who can also write the directory.
 */
@Singleton
public class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    static final String MAGIC = "ygcp1";
    static final String PUBLIC_KEYS = "public-keys.txt";

    private final CheckpointSettings settings;
    private final CheckpointKey key;
    private final Clock clock;

    public Checkpoints(@Value("${yangguang.ledger.checkpoint-dir:" + CheckpointSettings.DEFAULT_DIR + "}") String dir,
                       @Value("${yangguang.ledger.signing-key:}") String signingKey,
                       @Value("${yangguang.ledger.signing-key-file:}") String signingKeyFile,
                       @Value("${yangguang.ledger.public-keys:}") String publicKeys, Clock clock) {
        this.settings = CheckpointSettings.of(dir, signingKey, signingKeyFile, publicKeys);
        this.clock = clock;
        Path d = settings.dir();
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new IllegalStateException("yangguang.ledger.checkpoint-dir " + d + " cannot be created (" + e
                    + "); the ledger's checkpoints must be written outside the database", e);
        }
        if (!Files.isWritable(d)) {
            throw new IllegalStateException("yangguang.ledger.checkpoint-dir " + d + " is not writable by this "
                    + "process; the ledger's checkpoints must be written outside the database");
        }
        if (settings.signingKey() == null) {
            this.key = CheckpointKey.generate();
            LOG.warn("yangguang.ledger.signing-key is not set: checkpoints in {} are signed with a key of this process"
                    + " (its public key is appended to {}); configure a key to protect them from whoever can write "
                    + "that directory", d, PUBLIC_KEYS);
        } else {
            this.key = settings.signingKey();
        }
        publishKey();
    }

    public Path dir() {
        return settings.dir();
    }

    public CheckpointKey key() {
        return key;
    }

    public CheckpointSettings settings() {
        return settings;
    }

    /** After the transaction that moved the head commits (never for one that rolled back). */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    public void onAppended(LedgerAppended e) {
        write(e.ledgerId(), e.seq(), e.hash());
    }

    /** Appends one signed checkpoint; a failure is logged loudly, never undoes the committed transaction. */
    public synchronized void write(String ledgerId, long seq, String hash) {
        Instant at = clock.instant();
        String body = MAGIC + " " + ledgerId + " " + seq + " " + hash + " " + at + " " + key.fingerprint();
        String line = body + " " + key.sign(body) + "\n";
        Path file = settings.dir().resolve("checkpoints-" + at.atOffset(ZoneOffset.UTC).toLocalDate() + ".log");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            ch.force(false);
        } catch (IOException e) {
            LOG.error("ledger checkpoint of entry {} could not be written to {}: {}", seq, file, e.toString());
        }
    }

    private void publishKey() {
        Path file = settings.dir().resolve(PUBLIC_KEYS);
        try {
            if (Files.exists(file) && Files.readString(file).contains(key.fingerprint())) {
                return;
            }
            Files.writeString(file, key.fingerprint() + " " + key.publicBase64() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One checkpoint as read from a file. */
    record Checkpoint(String ledgerId, long seq, String hash, String at, String fingerprint, String signature,
                      String where) {
        String body() {
            return MAGIC + " " + ledgerId + " " + seq + " " + hash + " " + at + " " + fingerprint;
        }
    }

    /** What the checkpoints say about a ledger. */
    public record Report(boolean ok, String line, List<String> warnings) {
    }

    /**
     * Checkpoint lines whose signature was found good, by their whole text (key fingerprint included): a verification
     * run again does not check them again (an Ed25519 check costs far more than the chain's hashes). A changed line
     * is another text, so nothing forged gets through.
     */
    private static final Set<String> VERIFIED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static boolean verified(PublicKey key, Checkpoint c) {
        String line = c.body() + " " + c.signature();
        if (VERIFIED.contains(line)) {
            return true;
        }
        if (!CheckpointKey.verify(key, c.body(), c.signature())) {
            return false;
        }
        if (VERIFIED.size() > 1_000_000) {
            VERIFIED.clear();
        }
        VERIFIED.add(line);
        return true;
    }

    /** The checkpoints of a directory, to be compared with a ledger as it is read. */
    public static final class Reader {
        private final Path dir;
        private final List<Checkpoint> all = new ArrayList<>();
        private final Map<String, PublicKey> keysBeside = new HashMap<>();
        private String problem;

        public Reader(Path dir) {
            this.dir = dir;
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "checkpoints-*.log")) {
                for (Path f : files) {
                    read(f);
                }
                Path keys = dir.resolve(PUBLIC_KEYS);
                if (Files.exists(keys)) {
                    for (String l : Files.readAllLines(keys)) {
                        String[] p = l.strip().split(" ");
                        if (p.length == 2) {
                            keysBeside.put(p[0], CheckpointKey.publicKey(p[1]));
                        }
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                problem = "cannot read the checkpoints in " + dir + ": " + e.getMessage();
            }
        }

        private void read(Path f) throws IOException {
            try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.US_ASCII)) {
                String l;
                int n = 0;
                while ((l = in.readLine()) != null) {
                    n++;
                    if (l.isBlank()) {
                        continue;
                    }
                    String[] p = l.strip().split(" ");
                    try {
                        if (p.length != 7 || !p[0].equals(MAGIC)) {
                            throw new IllegalArgumentException("not a checkpoint");
                        }
                        all.add(new Checkpoint(p[1], Long.parseLong(p[2]), p[3], p[4], p[5], p[6],
                                f.getFileName() + " line " + n));
                    } catch (IllegalArgumentException e) {
                        if (problem == null) {
                            problem = "checkpoint " + f.getFileName() + " line " + n + " is unreadable";
                        }
                    }
                }
            }
        }

        /** The ids of ledgers with checkpoints here. */
        public Set<String> ledgers() {
            Set<String> ids = new HashSet<>();
            all.forEach(c -> ids.add(c.ledgerId()));
            return ids;
        }

        /** Entry numbers whose hashes the checkpoints of {@code ledgerId} name. */
        public Set<Long> seqsOf(String ledgerId) {
            Set<Long> s = new HashSet<>();
            all.stream().filter(c -> c.ledgerId().equals(ledgerId)).forEach(c -> s.add(c.seq()));
            return s;
        }

        /**
         * Compares the checkpoints of {@code ledgerId} with the ledger as read: {@code hashes} holds the hash of each
         * entry in {@link #seqsOf} that exists, {@code lastSeq} is the ledger's last entry. {@code trusted} empty: the
         * keys listed beside the checkpoints are used, with a warning.
         */
        public Report compare(String ledgerId, Map<Long, String> hashes, long lastSeq, List<PublicKey> trusted,
                              boolean required) {
            List<String> warnings = new ArrayList<>();
            if (problem != null) {
                return new Report(false, problem, warnings);
            }
            Map<String, PublicKey> keys = new HashMap<>();
            if (trusted.isEmpty()) {
                keys.putAll(keysBeside);
                if (!all.isEmpty()) {
                    warnings.add("no ledger key is configured: checkpoint signatures are checked against the keys "
                            + "listed in " + dir.resolve(PUBLIC_KEYS) + ", which protects against the database's "
                            + "owner, not against whoever can write that directory");
                }
            } else {
                trusted.forEach(k -> keys.put(CheckpointKey.fingerprint(k), k));
            }
            TreeMap<Long, Checkpoint> mine = new TreeMap<>();
            for (Checkpoint c : all) {
                if (ledgerId == null || !c.ledgerId().equals(ledgerId)) {
                    continue;
                }
                PublicKey k = keys.get(c.fingerprint());
                if (k == null) {
                    return new Report(false, "checkpoint " + c.where() + " is signed by key " + c.fingerprint()
                            + ", which is not trusted", warnings);
                }
                if (!verified(k, c)) {
                    return new Report(false, "checkpoint " + c.where() + " has a bad signature (forged or damaged)",
                            warnings);
                }
                mine.merge(c.seq(), c, (a, b) -> a);
            }
            if (mine.isEmpty()) {
                String msg = "no checkpoint of ledger " + ledgerId + " in " + dir
                        + (all.isEmpty() ? "" : " (it holds " + all.size() + " of other ledgers)")
                        + ": a removed tail or a rewritten history cannot be ruled out";
                if (required && lastSeq > 0) {
                    return new Report(false, "ledger NOT ANCHORED: " + msg, warnings);
                }
                if (lastSeq > 0) {
                    warnings.add(msg);
                }
                return new Report(true, "no checkpoints", warnings);
            }
            for (Checkpoint c : mine.values()) {
                if (c.seq() > lastSeq) {
                    return new Report(false, "ledger BROKEN: the checkpoint of " + c.at() + " (" + c.where()
                            + ") anchors entry " + c.seq() + ", but the ledger ends at entry " + lastSeq
                            + ": entries were removed from its end", warnings);
                }
                String h = hashes.get(c.seq());
                if (!c.hash().equals(h)) {
                    return new Report(false, "ledger BROKEN at entry " + c.seq() + ": it is not the entry checkpointed"
                            + " at " + c.at() + " (" + c.where() + "): history was rewritten", warnings);
                }
            }
            Checkpoint last = mine.lastEntry().getValue();
            if (last.seq() < lastSeq) {
                warnings.add((lastSeq - last.seq()) + " entries after entry " + last.seq() + " are not anchored yet");
            }
            return new Report(true, mine.size() + " checkpoints agree, the latest anchoring entry " + last.seq()
                    + " at " + last.at(), warnings);
        }
    }
}
