package org.serialregistry.forensics;

import org.jspecify.annotations.Nullable;

/**
 * A suspect unit as the submitter describes it. The serial may be left out when a photo of the
 * unit's code is sent instead; it is then decoded on the server.
 *
 * @param foundWhere   where the unit was found or held (site, city, country)
 * @param receivedFrom from whom it came (supplier, customer, patient ward, ...)
 */
public record NewSubmission(@Nullable String serial, @Nullable String gtin, @Nullable String foundWhere,
                            @Nullable String receivedFrom, @Nullable String measurements,
                            @Nullable String hologramReading, @Nullable String nfcReading, @Nullable String note) {
}
