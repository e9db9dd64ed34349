package org.serialregistry.audit;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.internal.AuditSealStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail's keyed hash chain. Entries are written in their callers' transactions without any
 * shared lock (so no business transaction waits on, or deadlocks over, the audit log); a sealer then
 * gives each committed entry, in order, the next gapless sequence number and an HMAC-SHA256 over the
 * entry and its predecessor's MAC ({@code serial-registry.chain-keys.seal-interval}, default 2 s, and
 * before every check and checkpoint). An entry is thus unprotected only for those seconds.
 */
@Service
public class AuditChain implements ChainHead {

    public static final String CHAIN = "audit";
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    private static final String GENESIS = "0".repeat(64);

    private final AuditSealStore seals;
    private final ChainKeys keys;
    private final ChainCheckpoints checkpoints;

    AuditChain(AuditSealStore seals, ChainKeys keys, @Lazy ChainCheckpoints checkpoints) {
        this.seals = seals;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    @Override
    public String chain() {
        return CHAIN;
    }

    @Override
    @Transactional
    public Head head() {
        var head = seal();
        return new Head(head.lastSeq(), head.lastMac());
    }

    @Scheduled(fixedDelayString = "${serial-registry.chain-keys.seal-interval:PT2S}")
    @Transactional
    public void sealScheduled() {
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn("Sealing the audit trail failed: {}", e.toString());
        }
    }

    /** Seals every committed entry not yet sealed; returns the new head. */
    @Transactional
    public AuditSealStore.Head seal() {
        var head = seals.lockHead();
        long seq = head.lastSeq();
        String prev = head.lastMac();
        int version = keys.activeMacVersion();
        for (var entry : seals.unsealed()) {
            seq++;
            String mac = macOf(seq, entry, version, prev);
            seals.seal(seq, entry.id(), version, prev, mac);
            prev = mac;
        }
        if (seq != head.lastSeq()) {
            seals.moveHead(seq, prev);
        }
        return new AuditSealStore.Head(seq, prev);
    }

    private String macOf(long seq, AuditSealStore.Entry e, int version, String prev) {
        char sep = '\u001f';
        String canonical = "audit/v" + version + sep + seq + sep + e.id() + sep + e.occurredAt().toInstant() + sep
                + e.actor() + sep + e.action() + sep + e.subjectType() + sep + e.subjectId() + sep
                + (e.beforeState() == null ? "" : e.beforeState()) + sep
                + (e.afterState() == null ? "" : e.afterState()) + sep + prev;
        return keys.mac(version, canonical);
    }

    /** Seals what is pending, then checks the whole chain against the latest stored checkpoint. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AuditChainReport verify() {
        seal();
        return verify(checkpoints.latest(CHAIN).filter(checkpoints::signatureValid).orElse(null));
    }

    /** Checks the chain against a checkpoint kept outside the database. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public AuditChainReport verify(@Nullable Checkpoint checkpoint) {
        if (checkpoint != null && (!CHAIN.equals(checkpoint.chain()) || !checkpoints.signatureValid(checkpoint))) {
            throw new IllegalArgumentException("checkpoint: not an audit checkpoint signed by this registry's key");
        }
        var state = new Object() {
            long expected = 1;
            String prev = GENESIS;
            long checked;
            @Nullable String macAtCheckpoint;
            @Nullable Long broken;
            @Nullable String problem;
        };
        seals.streamSealed(s -> {
            if (state.broken != null) {
                return;
            }
            String problem = null;
            long at = s.seq();
            if (s.seq() != state.expected) {
                at = state.expected;
                problem = "audit entry " + state.expected + " is missing";
            } else if (s.id() == null) {
                problem = "audit entry " + s.seq() + " (id " + s.entryId() + ") is missing";
            } else if (!s.prevMac().equals(state.prev)) {
                problem = "audit entry " + s.seq() + " does not point to the MAC of its predecessor";
            } else if (!keys.hasMacVersion(s.macKey()) || !macOf(s.seq(), s.entry(), s.macKey(), s.prevMac()).equals(s.mac())) {
                problem = "audit entry " + s.seq() + " (id " + s.entryId() + ") was altered: it no longer matches its MAC";
            }
            if (problem != null) {
                state.broken = at;
                state.problem = problem;
                return;
            }
            if (checkpoint != null && s.seq() == checkpoint.sequence()) {
                state.macAtCheckpoint = s.mac();
            }
            state.prev = s.mac();
            state.checked++;
            state.expected++;
        });
        Long cpSeq = checkpoint == null ? null : checkpoint.sequence();
        var cpAt = checkpoint == null ? null : checkpoint.createdAt();
        if (state.broken != null) {
            return new AuditChainReport(false, state.checked, state.broken, state.problem, cpSeq, cpAt);
        }
        if (checkpoint != null && checkpoint.sequence() > state.checked) {
            return new AuditChainReport(false, state.checked, state.checked + 1, "audit entry " + (state.checked + 1)
                    + " is missing: the trail ends at " + state.checked + " but the checkpoint of "
                    + checkpoint.createdAt() + " vouches for " + checkpoint.sequence(), cpSeq, cpAt);
        }
        if (checkpoint != null && checkpoint.sequence() > 0 && !checkpoint.headMac().equals(state.macAtCheckpoint)) {
            return new AuditChainReport(false, state.checked, checkpoint.sequence(), "audit entry "
                    + checkpoint.sequence() + " differs from the one the checkpoint vouches for", cpSeq, cpAt);
        }
        var head = seals.head();
        if (head.lastSeq() != state.checked || !head.lastMac().equals(state.prev)) {
            return new AuditChainReport(false, state.checked, state.checked + 1,
                    "the newest audit entries are missing: the chain head says " + head.lastSeq(), cpSeq, cpAt);
        }
        return new AuditChainReport(true, state.checked, null, null, cpSeq, cpAt);
    }
}
