package org.serialregistry.returns.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.returns.NewRepair;
import org.serialregistry.returns.RepairView;
import org.serialregistry.returns.Repairs;
import org.serialregistry.returns.ServiceHistory;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.Coverage;
import org.serialregistry.warranty.Eligibility;
import org.serialregistry.warranty.OwnershipView;
import org.serialregistry.returns.ServiceQueue;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.ServiceOutcome;
import org.serialregistry.warranty.ClaimQueries;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service centre's repair bench for its systems: the RMAs it may work, taking an unassigned one,
 * and logging what was done (the same checks and audit entries as the portal's "Log repair").
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Repairs")
class RepairApiController {

    private final Repairs repairs;
    private final ServiceQueue queue;
    private final ClaimQueries claims;

    RepairApiController(Repairs repairs, ServiceQueue queue, ClaimQueries claims) {
        this.repairs = repairs;
        this.queue = queue;
        this.claims = claims;
    }

    /**
     * @param claim        the claim number (WC-...) whose RMA the repair is under
     * @param claimVersion the claim's version as read; left out, the claim as it is now
     */
    record RepairRequest(@Nullable String claim, @Nullable Long claimVersion, @Nullable String actions,
                         @Nullable String parts, @Nullable String technician, @Nullable ServiceOutcome outcome,
                         @Nullable String replacementSerial) {
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    @PostMapping("/repairs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log a repair under a claim's RMA (outcome REPAIRED, REPLACED with the replacement serial, or "
            + "NO_FAULT_FOUND); another centre's RMA is refused, an unassigned one is taken")
    RepairView log(@RequestBody RepairRequest r) {
        if (r.claim() == null || r.claim().isBlank()) {
            throw new IllegalArgumentException("claim: name the claim number (WC-...) the repair is under");
        }
        var claim = claim(r.claim());
        long version = r.claimVersion() == null ? claim.version() : r.claimVersion();
        return repairs.log(new NewRepair(claim.id(), version, r.actions(), r.parts(), r.technician(), r.outcome(),
                r.replacementSerial()));
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    @GetMapping("/repairs")
    @Operation(summary = "Repairs logged, newest first (a service centre's key: its own); state is the outcome")
    ListPage<RepairView> list(@ParameterObject ListQuery.Params params) {
        var q = params.query(ListQuery.statesOf(ServiceOutcome.class));
        return q.page(repairs.latest(q.latest(10_000)), RepairView::loggedAt, r -> r.outcome().name());
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    @GetMapping("/warranty-claims/{number}/repairs")
    @Operation(summary = "The repairs logged under one claim")
    ListPage<RepairView> ofClaim(@PathVariable String number, @ParameterObject ListQuery.Params params) {
        var q = params.query(ListQuery.statesOf(ServiceOutcome.class));
        return q.page(repairs.ofClaim(claim(number).id()), RepairView::loggedAt, r -> r.outcome().name());
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    @GetMapping("/units/{serial}/service-history")
    @Operation(summary = "A unit's service history, as the portal's service history screen: production record, coverage "
            + "today, owners, claims on it and those it replaced a unit in, repairs and every lifecycle event")
    HistoryAnswer history(@PathVariable String serial) {
        var h = repairs.history(serial).orElseThrow(() -> new NoSuchElementException("No unit " + serial));
        var u = h.unit();
        return new HistoryAnswer(new UnitAnswer(u.serial().value(), u.gtin().value(), u.lot().value(), u.productionDate(),
                u.expiryDate(), u.facilityCode(), u.lineCode(), u.intendedMarket().value(), u.status().name(),
                u.components().stream().map(SerialNumber::value).toList()), h.coverage().orElse(null),
                h.eligibility().orElse(null), h.owners(), h.claims(), h.replacementFor(), h.repairs(), h.events());
    }

    /** The production record with plain values (serial, GTIN, lot, market as text). */
    record UnitAnswer(String serial, String gtin, String lot, LocalDate productionDate, @Nullable LocalDate expiryDate,
                      String facilityCode, String lineCode, String intendedMarket, String status, List<String> components) {
    }

    /** {@link ServiceHistory} as the API answers it. */
    record HistoryAnswer(UnitAnswer unit, @Nullable Coverage coverage, @Nullable Eligibility eligibility,
                         List<OwnershipView> owners, List<ClaimView> claims, List<ClaimView> replacementFor,
                         List<RepairView> repairs, List<LifecycleEventView> events) {
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','ADMIN')")
    @GetMapping("/rmas")
    @Operation(summary = "RMAs waiting for repair that the caller may work: its centre's and unassigned ones")
    ListPage<ServiceQueue.RmaItem> rmas(@ParameterObject ListQuery.Params params) {
        var q = params.query();
        return q.page(queue.underRma(), i -> i.claim().submittedAt(), null);
    }

    @PreAuthorize("hasRole('SERVICE_CENTER')")
    @PostMapping("/rmas/{claimNumber}/take")
    @Operation(summary = "The caller's service centre takes an unassigned RMA (as \"Take\" on the repair bench)")
    ServiceQueue.RmaItem take(@PathVariable String claimNumber) {
        return queue.take(claim(claimNumber).id());
    }

    /** The claim as the caller may see it: another service centre's claim is not found, as an unknown one. */
    private ClaimView claim(String number) {
        return claims.detail(ClaimId.of(number)).map(d -> d.claim())
                .orElseThrow(() -> new NoSuchElementException("No claim " + number));
    }
}
