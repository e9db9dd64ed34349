package org.serialregistry.factors;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The check of one second factor.
 *
 * @param message one sentence for the buyer, without internal reasons
 * @param usedAt  for a scratch-off code already used: when it was first checked
 */
public record FactorCheck(SecondFactor factor, Result result, String message, @Nullable Instant usedAt) {

    /** How one factor checked. */
    public enum Result {
        /** Read and matches this unit. */
        CONFIRMED,
        /** A copied or replayed NFC tap link. */
        COPIED_TAG_LINK,
        /** A scratch-off code that was already used. */
        ALREADY_USED,
        /** Read, and it does not belong to this unit (another unit's tag or hologram, a wrong key or code). */
        NOT_THIS_UNIT;

        public boolean passed() {
            return this == CONFIRMED;
        }
    }
}
