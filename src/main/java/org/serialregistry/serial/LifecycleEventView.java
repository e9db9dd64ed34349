package org.serialregistry.serial;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One event of the lifecycle log, as readers (history pages, EPCIS export) see it. */
public record LifecycleEventView(LifecycleEventId id, UUID eventId, EpcisEventType type, String action, Instant eventTime,
                                 Instant recordedAt, BusinessStep bizStep, @Nullable Disposition disposition,
                                 @Nullable String readPoint, @Nullable String bizLocation,
                                 @Nullable String sourceParty, @Nullable String destinationParty,
                                 Map<String, String> bizTransactions, @Nullable String gtin, @Nullable String lot,
                                 int epcCount, @Nullable UnitStatus newStatus, @Nullable LifecycleEventId errorDeclarationFor,
                                 @Nullable String reason, String recordedBy, String hash) {
}
