package org.serialregistry.verification;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The public answer to a verification, the same for the HTML page, the JSON answer and each item
 * of a batch. Field names after GS1 Lightweight Verification Messaging (as used by the DSCSA VRS):
 * {@code verified}, {@code verificationFailureReason} ({@code No_match_GTIN_Serial},
 * {@code No_match_GTIN_Serial_Lot}, ...), {@code additionalInfo} ({@code Recalled}, {@code Suspect},
 * {@code Expired}, {@code Illegitimate}). It never carries an internal reason.
 *
 * @param verdict  the coarse verdict the page is drawn from
 * @param status   the unit's status (ACTIVE, RECALLED, STOLEN, ...) for genuine units only
 * @param message  one or two sentences for people
 * @param reportTo where to report a suspect unit, for answers that are not a plain "genuine"
 * @param secondFactors for genuine codes: which second factors (NFC tag, scratch-off code, hologram) were
 *                      checked and how strong the answer is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationAnswer(boolean verified, @Nullable String verificationFailureReason,
                                 @Nullable String additionalInfo, PublicVerdict verdict, @Nullable String status,
                                 @Nullable Product product, @Nullable LocalDate productionDate, @Nullable String lot,
                                 @Nullable LocalDate expiryDate, @Nullable Warranty warranty, String message,
                                 @Nullable String reportTo, @Nullable SecondFactorAnswer secondFactors) {

    /** An answer without second factors (codes that are not genuine, and batch items). */
    public VerificationAnswer(boolean verified, @Nullable String verificationFailureReason,
                              @Nullable String additionalInfo, PublicVerdict verdict, @Nullable String status,
                              @Nullable Product product, @Nullable LocalDate productionDate, @Nullable String lot,
                              @Nullable LocalDate expiryDate, @Nullable Warranty warranty, String message,
                              @Nullable String reportTo) {
        this(verified, verificationFailureReason, additionalInfo, verdict, status, product, productionDate, lot,
                expiryDate, warranty, message, reportTo, null);
    }

    /** The product the GTIN names, when the catalogue knows it. */
    public record Product(String gtin, @Nullable String name) {
    }

    /** Warranty coverage as the warranty module tells it (absent without that module). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Warranty(boolean covered, @Nullable LocalDate until, String explanation, boolean registered) {
    }

    VerificationAnswer withWarranty(@Nullable Warranty w) {
        return new VerificationAnswer(verified, verificationFailureReason, additionalInfo, verdict, status, product,
                productionDate, lot, expiryDate, w, message, reportTo, secondFactors);
    }

    VerificationAnswer withSecondFactors(SecondFactorAnswer factors, boolean verified, PublicVerdict verdict,
                                         @Nullable String info, String message, @Nullable String reportTo) {
        if (!verified) {
            // a copied tag link or another unit's hologram: say no more about the unit than for a forged code
            return new VerificationAnswer(false, "No_reason_provided", info, verdict, null, product, null, null, null,
                    null, message, reportTo, factors);
        }
        return new VerificationAnswer(true, verificationFailureReason, info, verdict, status, product, productionDate,
                lot, expiryDate, warranty, message, reportTo, factors);
    }
}
