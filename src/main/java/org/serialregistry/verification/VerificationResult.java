package org.serialregistry.verification;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.UnitStatus;

/**
 * A verification as the registry sees it: the precise outcome for the scan log, and the answer
 * the public gets. Only {@link #answer()} may leave the service on a public route.
 *
 * @param gtin   the GTIN (normalised to 14 digits when valid, else as given, cut to 32 characters)
 * @param serial the serial as given (cut to 32 characters, non-printable characters replaced)
 */
public record VerificationResult(ScanOutcome outcome, VerificationAnswer answer, @Nullable UnitStatus unitStatus,
                                 @Nullable String gtin, String serial) {
}
