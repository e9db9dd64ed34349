package org.serialregistry.warranty;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** An ownership registration as entered (portal, API or public form); the proof is optional. */
public record NewRegistration(@Nullable String gtin, @Nullable String serial, @Nullable LocalDate purchaseDate,
                              @Nullable String retailer, @Nullable String ownerName, @Nullable String email,
                              byte @Nullable [] proofOfPurchase, @Nullable String proofFilename) {
}
