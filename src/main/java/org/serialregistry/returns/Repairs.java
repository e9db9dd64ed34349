package org.serialregistry.returns;

import org.serialregistry.shared.UnitCode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.returns.internal.RepairStore;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.Eligibility;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimDecisions;
import org.serialregistry.warranty.WarrantyCoverage;
import org.serialregistry.warranty.WarrantyEligibility;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Repairs by service centres under an RMA, and the service history of a unit. Logging a repair
 * moves its claim on (repaired, replaced, or closed when no fault was found) in the same
 * transaction; a replacement's serial is recorded on the claim and the repair alike.
 */
@Service
public class Repairs {

    private final RepairStore store;
    private final ClaimQueries claims;
    private final ClaimDecisions decisions;
    private final OwnershipRegistry owners;
    private final WarrantyCoverage coverage;
    private final Units units;
    private final AuditTrail audit;
    private final Clock clock;
    private final ServiceQueue queue;
    private final WarrantyEligibility eligibility;

    Repairs(RepairStore store, ClaimQueries claims, ClaimDecisions decisions, OwnershipRegistry owners, WarrantyCoverage coverage, Units units,
            AuditTrail audit, Clock clock, ServiceQueue queue, WarrantyEligibility eligibility) {
        this.queue = queue;
        this.eligibility = eligibility;
        this.store = store;
        this.claims = claims;
        this.decisions = decisions;
        this.owners = owners;
        this.coverage = coverage;
        this.units = units;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException naming the field that is wrong; nothing is written then */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public RepairView log(NewRepair r) {
        var claim = claims.find(r.claimId()).orElseThrow(() -> new IllegalArgumentException("claim: no claim " + r.claimId()));
        queue.claimFor(claim); // another centre's RMA is refused; an unassigned one is taken
        String actions = text("actions", r.actions(), 2000);
        String technician = text("technician", r.technician(), 128);
        String parts = r.parts() == null || r.parts().isBlank() ? null : text("parts", r.parts(), 1000);
        if (r.outcome() == null) {
            throw new IllegalArgumentException("outcome: repaired, replaced or no fault found");
        }
        var updated = decisions.recordServiceOutcome(claim.id(), r.claimVersion(), r.outcome(), r.replacementSerial(),
                actions + (parts == null ? "" : "; parts: " + parts) + "; technician: " + technician);
        String replacement = r.outcome() == ServiceOutcome.REPLACED ? updated.replacementSerial() : null;
        String centre = queue.serviceParty(claim);
        var saved = store.insert(claim.id(), claim.claimNumber(), claim.rmaNumber(), claim.serial(), actions, parts,
                technician, centre, r.outcome(), replacement, actor(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        audit.record("repair.logged", "claim", claim.claimNumber(), null, AuditTrail.state("serial", claim.serial(),
                "outcome", r.outcome().name(), "serviceCentre", centre, "technician", technician, "parts", parts, "replacement", replacement));
        return saved;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public List<RepairView> ofClaim(ClaimId claim) {
        return store.ofClaim(claim);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public List<RepairView> latest(int limit) {
        var latest = store.latest(limit);
        // a service centre reads its own repairs, never another centre's
        return queue.readableCentre().map(c -> latest.stream().filter(r -> c.equals(r.serviceCentre())).toList())
                .orElse(latest);
    }

    /** The service history of a unit; empty for a serial the registry never issued. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public java.util.Optional<ServiceHistory> history(String serialText) {
        if (serialText == null || serialText.isBlank()) {
            throw new IllegalArgumentException("serial: enter a serial number");
        }
        var serial = UnitCode.parse(serialText).serial();
        return units.find(serial).map(unit -> new ServiceHistory(unit, coverage.today(unit.gtin(), serial),
                eligibility.check(unit.gtin(), serial, null), owners.history(serial.value()), claims.ofSerial(serial.value()), claims.replacedBy(serial.value()),
                store.ofSerialOrReplacement(serial.value()), units.history(serial)));
    }

    /** What the technician checks before a repair: coverage today and the unit's claims against the limit. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    public java.util.Optional<Eligibility> eligibility(ClaimView claim) {
        return eligibility.check(new Gtin(claim.gtin()), new SerialNumber(claim.serial()), null);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        if (value.strip().length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return value.strip();
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
