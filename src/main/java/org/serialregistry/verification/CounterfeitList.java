package org.serialregistry.verification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.internal.CounterfeitListStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public counterfeit list. Verification consults it on every scan from memory (the set of
 * listed serials is loaded at start and kept in step with every change), so listing adds no
 * database read to the public path. Listing and removal are audited; removal keeps the history.
 */
@Service
public class CounterfeitList {

    private final CounterfeitListStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    CounterfeitList(CounterfeitListStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** True when the serial is listed; answered from memory. */
    public boolean isListed(String serial) {
        ensureLoaded();
        return listed.contains(serial);
    }

    @Transactional(readOnly = true)
    public Optional<ListedCounterfeit> find(String serial) {
        return store.find(serial);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS','CHANNEL')")
    public List<ListedCounterfeit> all() {
        return store.all();
    }

    /**
     * Puts a serial on the list (idempotent: listing a listed serial changes nothing).
     *
     * @throws IllegalArgumentException for a malformed serial or a missing reason
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS')")
    public ListedCounterfeit report(SerialNumber serial, @Nullable String gtin, CounterfeitReason reason,
                                    @Nullable String note) {
        if (reason == null) {
            throw new IllegalArgumentException("reason: say why the serial is counterfeit");
        }
        var existing = find(serial.value());
        if (existing.isPresent()) {
            return existing.get();
        }
        String by = actor();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > 1000) {
            throw new IllegalArgumentException("note: at most 1000 characters");
        }
        var entry = new ListedCounterfeit(serial.value(), gtin, reason, cleanNote, by, now);
        store.insert(entry);
        audit.record("counterfeit.listed", "serial", serial.value(), null,
                AuditTrail.state("reason", reason.name(), "gtin", gtin, "note", cleanNote));
        afterCommit(() -> listed.add(serial.value()));
        return entry;
    }

    /** Takes a serial off the list (a mistaken report); the entry stays in the history. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','FORENSICS')")
    public void remove(SerialNumber serial, String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("reason: say why the serial comes off the list");
        }
        if (!store.remove(serial.value(), actor(), Instant.now(clock), why.strip())) {
            throw new IllegalArgumentException("serial: " + serial.value() + " is not on the counterfeit list");
        }
        audit.record("counterfeit.removed", "serial", serial.value(), AuditTrail.state("listed", true),
                AuditTrail.state("listed", false, "why", why.strip()));
        afterCommit(() -> listed.remove(serial.value()));
    }

    private void ensureLoaded() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    listed.addAll(store.listedSerials());
                    loaded = true;
                }
            }
        }
    }

    private static void afterCommit(Runnable action) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            action.run();
                        }
                    });
        } else {
            action.run();
        }
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
