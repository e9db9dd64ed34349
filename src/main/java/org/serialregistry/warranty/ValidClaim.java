package org.serialregistry.warranty;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.UnitRecord;

/** A claim whose fields are valid and whose serial is genuine, issued and of the named product. */
record ValidClaim(UnitRecord unit, DefectCode defect, LocalDate failureDate, String claimantName,
                  String claimantEmail, @Nullable String description, @Nullable String reference,
                  @Nullable String receipt) {
}
