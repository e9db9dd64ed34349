package org.serialregistry.counterfeit;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An alert case as grids and the API list it.
 *
 * @param groupKind  SERIAL, LOT or CLIENT: what its signals have in common
 * @param firstSeenAt time of the earliest scan in its evidence
 */
public record AlertCaseSummary(AlertCaseId id, String groupKind, String groupKey, CaseState state, Severity severity,
                               SignalType firstType, Set<SignalType> types, @Nullable String serial,
                               @Nullable String gtin, @Nullable String lot, @Nullable String clientKey,
                               @Nullable String country, @Nullable String assignee, int signalCount,
                               Instant firstSeenAt, Instant openedAt, Instant updatedAt, long version) {
}
