package org.serialregistry.serial;

import org.jspecify.annotations.Nullable;

/** Result of re-computing the lifecycle log's hash chain from the first event to the last. */
public record ChainReport(boolean intact, long eventsChecked, @Nullable Long firstBrokenEventId,
                          @Nullable String problem) {
}
