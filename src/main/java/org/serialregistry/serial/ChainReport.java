package org.serialregistry.serial;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Result of re-computing the lifecycle log's keyed hash chain from the first event to the last,
 * comparing it with the latest signed checkpoint, and comparing each unit's current status with its
 * events.
 *
 * @param firstBrokenEventId the first event that is missing, altered or out of its place
 * @param checkpointSequence the sequence number vouched for by the checkpoint compared with (null: none)
 * @param firstInconsistentUnit a unit whose current status disagrees with its events (null: none)
 */
public record ChainReport(boolean intact, long eventsChecked, @Nullable Long firstBrokenEventId,
                          @Nullable String problem, @Nullable Long checkpointSequence,
                          @Nullable Instant checkpointCreatedAt, @Nullable String firstInconsistentUnit) {
}
