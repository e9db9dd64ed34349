package org.serialregistry.verification;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;

/** An ownership registration as entered on the public form; the proof of purchase is optional. */
public record PublicRegistration(Gtin gtin, SerialNumber serial, LocalDate purchaseDate, String retailer,
                                 String ownerName, String email, byte @Nullable [] proofOfPurchase,
                                 @Nullable String proofContentType, @Nullable String proofFilename,
                                 @Nullable String clientKey) {

    /** A registration whose sender is not known (no per-client cap applies). */
    public PublicRegistration(Gtin gtin, SerialNumber serial, LocalDate purchaseDate, String retailer, String ownerName,
                              String email, byte @Nullable [] proofOfPurchase, @Nullable String proofContentType,
                              @Nullable String proofFilename) {
        this(gtin, serial, purchaseDate, retailer, ownerName, email, proofOfPurchase, proofContentType, proofFilename,
                null);
    }
}
