package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.warranty.internal.ClaimStore;
import org.serialregistry.warranty.internal.ClaimTally;
import org.serialregistry.warranty.internal.FileStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading claims: one with its checks, signatures and evidence, a filtered queue, the claims on a
 * unit, and the counts the quality dashboards are built from. A caller that is only a service
 * centre reads its own centre's claims and those with no centre yet.
 */
@Service
public class ClaimQueries {

    private final ClaimStore store;
    private final ClaimTally tally;
    private final FileStore files;
    private final ObjectProvider<ClaimCentres> centres;
    private final CurrentUser currentUser;

    ClaimQueries(ClaimStore store, ClaimTally tally, FileStore files, ObjectProvider<ClaimCentres> centres,
                 CurrentUser currentUser) {
        this.store = store;
        this.tally = tally;
        this.files = files;
        this.centres = centres;
        this.currentUser = currentUser;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public Optional<ClaimView> find(ClaimId claim) {
        return store.find(claim.value());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public Optional<ClaimDetail> detail(ClaimId claim) {
        long id = claim.value();
        return store.find(id).filter(this::visibleToServiceCentre).map(c -> new ClaimDetail(c, store.checks(id), store.signatures(id),
                files.ofClaim(id)));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> search(ClaimFilter filter) {
        return store.search(filter);
    }

    /** One page of {@link #search}: the claims from the {@code offset}-th on, at most {@code filter.limit()}. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> search(ClaimFilter filter, int offset) {
        return store.search(filter, offset);
    }

    /** How many claims the filter covers, however many there are (its limit does not count), and how many are denied. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WARRANTY','QUALITY','ADMIN')")
    public ClaimTotals totals(ClaimFilter filter) {
        boolean byFigureOnly = (filter.states() == null || filter.states().isEmpty()) && filter.text() == null
                && filter.assignedTo() == null && filter.submittedBy() == null;
        if (byFigureOnly) {
            // what a dashboard figure is made of (product, lot, facility, line, defect): its tally rows
            return tally.totals(filter);
        }
        return store.totals(filter);
    }

    /**
     * A caller that is only a service centre (no warranty, quality or admin role) reads a claim that
     * is with its own centre or with none yet; never another centre's.
     */
    private boolean visibleToServiceCentre(ClaimView claim) {
        var roles = currentUser.roles();
        if (roles.contains(Role.WARRANTY) || roles.contains(Role.QUALITY) || roles.contains(Role.ADMIN)) {
            return true;
        }
        var centre = centres.getIfAvailable();
        if (centre == null) {
            return true;
        }
        var with = centre.centreOf(claim);
        return with.isEmpty() || with.equals(centre.callerCentre());
    }

    /** Claims on a unit, oldest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> ofSerial(String serial) {
        return store.ofSerial(serial.strip().toUpperCase());
    }

    /** Claims on which this unit was shipped as the replacement (the other direction of the link). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public List<ClaimView> replacedBy(String replacementSerial) {
        return store.replacing(replacementSerial.strip().toUpperCase());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','QUALITY','ADMIN')")
    public byte[] evidenceContent(long fileId) {
        return files.content(fileId);
    }

    /** Claim counts (not denied) per product, lot, facility, line and defect: the quality dashboards' source. */
    @Transactional(readOnly = true)
    public List<ClaimCount> counts() {
        return tally.all();
    }

    @Transactional(readOnly = true)
    public List<ClaimCount> countsOfLot(String gtin, String lot) {
        return tally.ofLot(gtin, lot);
    }

    /** Claims (not denied) per failure date from {@code from} on. */
    @Transactional(readOnly = true)
    public Map<LocalDate, Long> perFailureDate(LocalDate from) {
        return tally.perFailureDate(from);
    }
}
