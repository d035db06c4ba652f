package org.yangguang.distribution.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole check of a ledger, the same for the service ({@code GET /api/ledger/verify}) and for
 * {@code ./yangguang ledger verify}: the chain and double entry ({@link ChainVerifier}), then the signed checkpoints
 * ({@link Checkpoints.Reader}), then a head published elsewhere (printed on a notice, a household page, a batch).
 */
public final class LedgerAudit {
    private LedgerAudit() {
    }

    @Serdeable
    public record Verification(boolean ok, long entries, long transactions, @Nullable Long firstBrokenSeq,
                               @Nullable String problem, String anchoring, List<String> warnings, long lastSeq,
                               String lastHash) {
        /** What {@code ledger verify} prints first. */
        public String line() {
            if (!ok) {
                return problem.startsWith("ledger ") ? problem : "ledger BROKEN"
                        + (firstBrokenSeq == null ? "" : " at entry " + firstBrokenSeq) + ": " + problem;
            }
            return "ledger OK: " + entries + " entries (" + transactions + " transactions), chain intact, every "
                    + "transaction balances; " + anchoring;
        }
    }

    /**
     * @param ledgerId   the ledger's id (from ledger_head, or given for an export)
     * @param required   true where the service runs: no checkpoint at all is a failure, not a warning
     * @param head       a published head "seq:hash", or null
     */
    public static Verification run(Iterator<LedgerEntry> entries, Checkpoints.Reader checkpoints, String ledgerId,
                                   List<PublicKey> trusted, boolean required, @Nullable String head) {
        ChainVerifier chain = new ChainVerifier();
        Set<Long> wanted = checkpoints.seqsOf(ledgerId);
        Long headSeq = null;
        String headHash = null;
        if (head != null) {
            String[] p = head.split(":", 2);
            headSeq = Long.parseLong(p[0].replace("#", "").strip());
            headHash = p.length > 1 ? p[1].strip() : "";
        }
        Map<Long, String> hashes = new HashMap<>();
        String atHead = null;
        while (entries.hasNext()) {
            LedgerEntry e = entries.next();
            if (!chain.accept(e)) {
                break;
            }
            if (wanted.contains(e.seq())) {
                hashes.put(e.seq(), e.hash());
            }
            if (headSeq != null && headSeq == e.seq()) {
                atHead = e.hash();
            }
        }
        ChainVerifier.Result r = chain.result();
        if (!r.ok()) {
            return new Verification(false, r.entries(), r.transactions(), r.firstBrokenSeq(), r.problem() + " ("
                    + r.entries() + " entries before it are intact)", "", List.of(), r.lastSeq(), r.lastHash());
        }
        Checkpoints.Report anchored = checkpoints.compare(ledgerId, hashes, r.lastSeq(), trusted, required);
        List<String> warnings = new ArrayList<>(anchored.warnings());
        if (!anchored.ok()) {
            return new Verification(false, r.entries(), r.transactions(), null, anchored.line(), "", warnings,
                    r.lastSeq(), r.lastHash());
        }
        String anchoring = anchored.line();
        if (headSeq != null) {
            if (atHead == null) {
                return new Verification(false, r.entries(), r.transactions(), null, "ledger BROKEN: the published head "
                        + "names entry " + headSeq + ", but the ledger ends at entry " + r.lastSeq(), "", warnings,
                        r.lastSeq(), r.lastHash());
            }
            if (!atHead.equals(headHash)) {
                return new Verification(false, r.entries(), r.transactions(), headSeq, "it is not the entry of the "
                        + "published head " + headSeq + ":" + headHash + ": history was rewritten", "", warnings,
                        r.lastSeq(), r.lastHash());
            }
            anchoring += "; the published head " + headSeq + " matches";
        }
        return new Verification(true, r.entries(), r.transactions(), null, null, anchoring, warnings, r.lastSeq(),
                r.lastHash());
    }
}
