package org.serialregistry.verification;

import java.util.Optional;

import org.serialregistry.serial.UnitRecord;

/**
 * Implemented by the recall module, so that the public page warns about a recall the moment it is
 * started, before the background job has marked every unit RECALLED, and names the remedy. Optional;
 * must be fast (it runs on the public path: no database read for units no open campaign names) and
 * must not throw.
 */
public interface RecallLookup {

    /** The open recall campaign naming this unit, if any. */
    Optional<RecallNotice> recallOf(UnitRecord unit);

    /** What the public may read of a recall: its number and what the owner should do. */
    record RecallNotice(String campaignNumber, String instructions) {
    }
}
