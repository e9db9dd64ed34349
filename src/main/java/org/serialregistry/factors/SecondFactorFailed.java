package org.serialregistry.factors;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A second factor read with a unit's code did not belong to it: a replayed or copied NFC tap link,
 * another unit's tag, a tag with a wrong key, a scratch-off code used before or wrong, a hologram of
 * another unit. Counterfeit detection turns it into a signal.
 *
 * @param detail what was read, for the alert case (never shown to the public)
 */
public record SecondFactorFailed(Failure failure, String gtin, String serial, @Nullable String lot, String detail,
                                 Instant at) {

    /** What went wrong. */
    public enum Failure {
        COPIED_TAG_LINK, TAG_NOT_THIS_UNIT, SCRATCH_CODE_REUSED, SCRATCH_CODE_WRONG, HOLOGRAM_NOT_THIS_UNIT
    }
}
