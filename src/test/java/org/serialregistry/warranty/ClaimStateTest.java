package org.serialregistry.warranty;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which claims a person may still approve or deny: one rule, asked by the service and the claim page. */
class ClaimStateTest {

    @Test
    void onlyAClaimWaitingForReviewTakesADecision() {
        var decidable = EnumSet.noneOf(ClaimState.class);
        for (var s : ClaimState.values()) {
            if (s.canDecide()) {
                decidable.add(s);
            }
        }
        assertThat(decidable).containsExactlyInAnyOrder(ClaimState.NEEDS_REVIEW, ClaimState.SUBMITTED);
    }
}
