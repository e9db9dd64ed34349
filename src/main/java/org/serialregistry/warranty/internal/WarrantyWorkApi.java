package org.serialregistry.warranty.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.serialregistry.api.ListPage;
import org.serialregistry.api.ListQuery;
import org.serialregistry.api.Versions;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.OwnershipView;
import org.serialregistry.warranty.ClaimDecisions;
import org.serialregistry.warranty.ClaimQueries;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The warranty workspace's queue work for claims systems: the claim queue, assigning a claim,
 * closing a settled one, ownership conflicts and transfers. Decisions are in {@link ClaimDecisionApi}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Warranty")
class WarrantyWorkApi {

    private final ClaimQueries claims;
    private final ClaimDecisions decisions;
    private final OwnershipRegistry owners;

    WarrantyWorkApi(ClaimQueries claims, ClaimDecisions decisions, OwnershipRegistry owners) {
        this.decisions = decisions;
        this.claims = claims;
        this.owners = owners;
    }

    record Assignment(@Nullable String assignee) {
    }

    record CloseRequest(@Nullable Long version) {
    }

    record Resolution(@Nullable Boolean acceptNewOwner, @Nullable String note) {
    }

    /** The field names are those the checks name (ownerName, email: the new owner's). */
    record TransferRequest(@Nullable String serial, @Nullable LocalDate transferDate, @Nullable String ownerName,
                           @Nullable String email, @Nullable String channelNote) {
    }

    @PreAuthorize("hasAnyRole('WARRANTY','QUALITY','ADMIN')")
    @GetMapping("/warranty-claims")
    @Operation(summary = "The claim queue, newest first: state, submission time (from, to), and gtin, lot or text (claim "
            + "number, serial, claimant, RMA). Service centres read their RMAs at /api/v1/rmas")
    ListPage<ClaimView> list(@ParameterObject ListQuery.Params params,
                             @Parameter(example = "09506000134352") @RequestParam(required = false) @Nullable String gtin,
                             @RequestParam(required = false) @Nullable String lot,
                             @RequestParam(required = false) @Nullable String text) {
        var q = params.query(ListQuery.statesOf(ClaimState.class));
        var states = q.state() == null ? null : EnumSet.of(ClaimState.valueOf(q.state()));
        var filter = new ClaimFilter(states, gtin, lot, null, null, null, text, null, null,
                ClaimFilter.Sort.NEWEST_FIRST, q.latest(5_000));
        return q.page(claims.search(filter), ClaimView::submittedAt, c -> c.state().name());
    }

    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    @PostMapping("/warranty-claims/{number}/assignment")
    @Operation(summary = "Assign a claim to an adjudicator (no assignee: back to the queue)")
    ClaimView assign(@PathVariable String number, @RequestBody Assignment r) {
        return decisions.assign(claim(number).id(), r.assignee());
    }

    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    @PostMapping("/warranty-claims/{number}/close")
    @Operation(summary = "Close a repaired, replaced or denied claim (the version read)")
    ClaimView close(@PathVariable String number, @RequestBody CloseRequest r) {
        return decisions.close(claim(number).id(), Versions.required(r.version(), "claim"));
    }

    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    @GetMapping("/ownership-conflicts")
    @Operation(summary = "Registrations that conflict with an earlier owner's, waiting for a decision")
    ListPage<OwnershipView> conflicts(@ParameterObject ListQuery.Params params) {
        var q = params.query();
        return q.page(owners.openConflicts(), OwnershipView::registeredAt, null);
    }

    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    @PostMapping("/ownership-conflicts/{id}/resolution")
    @Operation(summary = "Accept the new owner or reject the conflicting registration, with a note")
    OwnershipView resolve(@PathVariable long id, @RequestBody Resolution r) {
        if (r.acceptNewOwner() == null) {
            throw new IllegalArgumentException("acceptNewOwner: say whether the new owner is accepted (true) or not");
        }
        return owners.resolveConflict(id, r.acceptNewOwner(), r.note());
    }

    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','ADMIN')")
    @PostMapping("/ownership-transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Transfer a registered unit to a new owner (as \"Transfer ownership\")")
    OwnershipView transfer(@RequestBody TransferRequest r) {
        return owners.transfer(r.serial(), r.transferDate(), r.ownerName(), r.email(), r.channelNote());
    }

    /** The claim as the caller may read it: another service centre's is not found, as an unknown one. */
    private ClaimView claim(String number) {
        return claims.detail(ClaimId.of(number)).map(d -> d.claim())
                .orElseThrow(() -> new NoSuchElementException("No claim " + number));
    }
}
