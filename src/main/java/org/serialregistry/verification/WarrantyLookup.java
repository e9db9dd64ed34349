package org.serialregistry.verification;

import java.util.Optional;

import org.serialregistry.serial.UnitRecord;

/**
 * Implemented by the warranty module, so the verification page can show coverage without
 * verification depending on warranty. Optional: without an implementation the page omits it.
 * Must be fast (it runs on the public path) and must not throw.
 */
public interface WarrantyLookup {

    /** Coverage of a unit verification has just read (so the lookup does not read it again). */
    Optional<WarrantySummary> coverage(UnitRecord unit);
}
