package org.serialregistry.warranty;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A warranty claim as a service centre submits it.
 *
 * @param failureDate       when the defect appeared (null: today); never in the future
 * @param externalReference the submitter's own reference; submitting it again returns the first claim
 * @param purchaseReceipt   the receipt or invoice number of the sale, for a unit no owner registered: it
 *                          must match the one the selling party recorded with the sale
 */
public record NewClaim(@Nullable String gtin, @Nullable String serial, @Nullable String defectCode,
                       @Nullable LocalDate failureDate, @Nullable String claimantName, @Nullable String claimantEmail,
                       @Nullable String description, @Nullable String externalReference,
                       @Nullable String purchaseReceipt) {

    /** A claim without a receipt number (the unit's registered owner claims). */
    public NewClaim(@Nullable String gtin, @Nullable String serial, @Nullable String defectCode,
                    @Nullable LocalDate failureDate, @Nullable String claimantName, @Nullable String claimantEmail,
                    @Nullable String description, @Nullable String externalReference) {
        this(gtin, serial, defectCode, failureDate, claimantName, claimantEmail, description, externalReference, null);
    }
}
