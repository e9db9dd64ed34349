package org.serialregistry.verification;

import java.util.Optional;

import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;

/**
 * Implemented by the warranty module, so the verification page can show coverage without
 * verification depending on warranty. Optional: without an implementation the page omits it.
 * Must be fast (it runs on the public path) and must not throw for unknown serials.
 */
public interface WarrantyLookup {

    Optional<WarrantySummary> coverage(Gtin gtin, SerialNumber serial);
}
