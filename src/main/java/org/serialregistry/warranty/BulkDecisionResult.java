package org.serialregistry.warranty;

import java.util.List;

/**
 * How a bulk decision went: the claims decided (each with its own signature record) and, per claim
 * that was not, why.
 */
public record BulkDecisionResult(List<ClaimDetail> decided, List<Refusal> refused) {

    /** A claim the bulk decision left as it was, and why in the user's words. */
    public record Refusal(String claim, String reason) {
    }

    public BulkDecisionResult {
        decided = List.copyOf(decided);
        refused = List.copyOf(refused);
    }

    /** Each refusal as "claim: reason". */
    public List<String> problems() {
        return refused.stream().map(r -> r.claim() + ": " + r.reason()).toList();
    }
}
