package org.serialregistry.warranty.internal;

import java.util.List;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;
import org.serialregistry.security.Role;
import org.serialregistry.security.SignatureRequest;
import org.serialregistry.security.Signers;
import io.swagger.v3.oas.annotations.Operation;
import org.serialregistry.warranty.BulkDecisionResult;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.SignatureMeaning;
import org.serialregistry.warranty.SignatureView;
import org.serialregistry.warranty.ClaimQueries;
import org.serialregistry.warranty.ClaimDecisions;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's decision on a claim that needs review, through the API: the same checks, signature
 * record and audit entry as the portal's claim page. The calling system needs the warranty role; the
 * signer (a warranty adjudicator or administrator) proves who they are in the request.
 */
@RestController
class ClaimDecisionApi {

    private final ClaimQueries claims;
    private final ClaimDecisions decisions;
    private final Signers signers;

    ClaimDecisionApi(ClaimQueries claims, ClaimDecisions decisions, Signers signers) {
        this.claims = claims;
        this.decisions = decisions;
        this.signers = signers;
    }

    /**
     * @param expectedVersion the claim's version as the decider saw it; left out, the claim as it is now
     * @param signature       who signs: user name and password, or nothing with a fresh OIDC token of the signer
     */
    record DecisionRequest(@Nullable ClaimDecision decision, @Nullable SignatureMeaning meaning, @Nullable String note,
                           @Nullable Long expectedVersion, @Nullable SignatureRequest signature) {
    }


    record SignatureAnswer(String signedBy, String printedName, String meaning, String decision, String signedAt,
                           String contentHash) {
    }

    record DecisionAnswer(WarrantyApiController.ClaimAnswer claim, List<SignatureAnswer> signatures) {
    }

    /**
     * @param claims    the claims to decide, as {@code WC-0000042} (at most {@link ClaimDecisions#MAX_BULK})
     * @param signature one signature for all of them; each claim gets its own signature record
     */
    record BulkDecisionRequest(@Nullable List<String> claims, @Nullable ClaimDecision decision,
                               @Nullable SignatureMeaning meaning, @Nullable String note,
                               @Nullable SignatureRequest signature) {
    }

    record DecidedClaim(String claimNumber, String state, @Nullable String rmaNumber, SignatureAnswer signature) {
    }

    record BulkDecisionAnswer(List<DecidedClaim> decided, List<BulkDecisionResult.Refusal> refused) {
    }

    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    @PostMapping("/api/v1/warranty-claims/decisions")
    @Operation(summary = "Approve or deny several claims with one signature: each claim decided gets its own signature "
            + "record and audit entry; the answer names the claims decided and, per claim refused, why")
    BulkDecisionAnswer decideAll(@RequestBody BulkDecisionRequest body) {
        var result = decisions.decideAll(body.claims(), body.decision(), body.meaning(), body.note(),
                () -> signers.verify(body.signature(), Role.WARRANTY, Role.ADMIN));
        return new BulkDecisionAnswer(result.decided().stream().map(d -> new DecidedClaim(d.claim().claimNumber(),
                d.claim().state().name(), d.claim().rmaNumber(), signature(d.signatures().getLast()))).toList(),
                result.refused());
    }

    private static SignatureAnswer signature(SignatureView s) {
        return new SignatureAnswer(s.signer(), s.printedName(), s.meaning().name(), s.decision().name(),
                s.signedAt().toString(), s.contentHash());
    }

    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    @PostMapping("/api/v1/warranty-claims/{number}/decision")
    DecisionAnswer decide(@PathVariable String number, @RequestBody DecisionRequest body) {
        var current = claims.detail(ClaimId.of(number))
                .orElseThrow(() -> new NoSuchElementException("No claim " + number));
        var signer = signers.verify(body.signature(), Role.WARRANTY, Role.ADMIN);
        long version = body.expectedVersion() == null ? current.claim().version() : body.expectedVersion();
        var decided = decisions.decide(current.claim().id(), version, body.decision(), body.meaning(), body.note(), signer);
        return new DecisionAnswer(WarrantyApiController.answer(decided.claim(), decided.checks(), false),
                decided.signatures().stream().map(ClaimDecisionApi::signature).toList());
    }
}
