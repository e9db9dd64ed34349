package org.serialregistry.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Result of re-computing the audit trail's keyed chain and comparing it with the latest checkpoint.
 *
 * @param firstBrokenSequence the first sequence number that is missing, altered or out of place
 */
public record AuditChainReport(boolean intact, long entriesChecked, @Nullable Long firstBrokenSequence,
                               @Nullable String problem, @Nullable Long checkpointSequence,
                               @Nullable Instant checkpointCreatedAt) {
}
