package org.serialregistry.warranty;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** An ownership registration of a unit. */
public record OwnershipView(long id, String serial, String gtin, LocalDate purchaseDate, String retailer,
                            String ownerName, String email, RegistrationChannel channel, RegistrationStatus status,
                            @Nullable Long conflictsWith, @Nullable Long transferredFrom,
                            @Nullable LocalDate transferDate, @Nullable Long proofFileId, String registeredBy,
                            Instant registeredAt, @Nullable String resolvedBy, @Nullable String resolution,
                            long version) {
}
