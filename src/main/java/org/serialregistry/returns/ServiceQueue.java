package org.serialregistry.returns;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyType;
import org.serialregistry.custody.PartyView;
import org.serialregistry.returns.internal.RepairStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.warranty.ClaimCentres;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which service centre an RMA is with, and the queue each centre sees. An RMA from a claim a
 * service centre's user submitted is with that centre; any other RMA (the owner's claim through
 * the API or the public form) is unassigned until a centre takes it. A user bound to a service
 * centre sees its own RMAs and the unassigned ones, never another centre's; administrators and
 * users bound to no party see all.
 */
@Service
public class ServiceQueue implements ClaimCentres {

    /** An RMA and the service centre it is with (null: unassigned). */
    public record RmaItem(ClaimView claim, @Nullable String serviceParty) {
    }

    private final ClaimQueries claims;
    private final RepairStore store;
    private final Parties parties;
    private final CurrentUser currentUser;
    private final AuditTrail audit;
    private final Clock clock;

    ServiceQueue(ClaimQueries claims, RepairStore store, Parties parties, CurrentUser currentUser, AuditTrail audit,
                 Clock clock) {
        this.claims = claims;
        this.store = store;
        this.parties = parties;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The RMAs waiting for repair that the caller may work. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public List<RmaItem> underRma() {
        var assigned = store.assignments();
        var centreOfSubmitter = new HashMap<String, Optional<String>>();
        boolean bound = parties.partyBoundCaller();
        String mine = bound ? parties.actingParty().orElse(null) : null;
        return claims.search(ClaimFilter.all().withStates(EnumSet.of(ClaimState.RMA_ISSUED))).stream()
                .map(c -> new RmaItem(c, assigned.containsKey(c.id()) ? assigned.get(c.id())
                        : centreOfSubmitter.computeIfAbsent(c.submittedBy(), this::serviceCentreOf).orElse(null)))
                .filter(i -> !bound || i.serviceParty() == null || i.serviceParty().equals(mine))
                .toList();
    }

    /** The caller's service centre takes an unassigned RMA. */
    @Transactional
    @PreAuthorize("hasRole('SERVICE_CENTER')")
    public RmaItem take(ClaimId claimId) {
        var claim = claims.find(claimId).orElseThrow(() -> new IllegalArgumentException("claim: no claim "
                + claimId.value()));
        String centre = myCentre();
        claimFor(claim, centre);
        return new RmaItem(claim, centre);
    }

    /**
     * Checks that the caller's centre may work this RMA, and takes it when it is unassigned. Callers
     * bound to no party (administrators) may work any RMA.
     *
     * @throws IllegalArgumentException naming the centre the RMA is with
     */
    void claimFor(ClaimView claim) {
        if (parties.partyBoundCaller()) {
            claimFor(claim, myCentre());
        }
    }

    private void claimFor(ClaimView claim, String centre) {
        String with = serviceParty(claim);
        if (with == null) {
            if (!store.assign(claim.id(), centre, currentUser.require(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS))) {
                with = store.assignment(claim.id()).orElse(null);
            } else {
                audit.record("rma.taken", "claim", claim.claimNumber(), null, AuditTrail.state("serviceParty", centre));
                return;
            }
        }
        if (with != null && !with.equals(centre)) {
            throw new IllegalArgumentException("claim: " + (claim.rmaNumber() == null ? claim.claimNumber() : claim.rmaNumber())
                    + " is with service centre " + with + ", not with " + centre);
        }
    }

    @Nullable String serviceParty(ClaimView claim) {
        return store.assignment(claim.id()).orElseGet(() -> serviceCentreOf(claim.submittedBy()).orElse(null));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> centreOf(ClaimView claim) {
        return Optional.ofNullable(serviceParty(claim));
    }

    @Override
    public Optional<String> callerCentre() {
        return parties.actingParty();
    }

    private Optional<String> serviceCentreOf(String username) {
        return parties.partyOfUser(username).filter(p -> p.type() == PartyType.SERVICE_CENTRE).map(PartyView::code);
    }

    /**
     * The centre whose records a party-bound caller may read ("" when bound to no party: none);
     * empty for administrators and users bound to no party, who read every centre's.
     */
    Optional<String> readableCentre() {
        return parties.partyBoundCaller() ? Optional.of(parties.actingParty().orElse("")) : Optional.empty();
    }

    /** The service centre the caller works for. */
    private String myCentre() {
        return parties.actingParty().orElseThrow(() -> new IllegalArgumentException(
                "user: you are bound to no service centre; an administrator binds users to parties"));
    }
}
