package org.serialregistry.recall;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.UnitSelection;

/**
 * A campaign as stored. {@code scope.serials()} is empty here; {@code listedSerials} says how many the
 * campaign's list names.
 *
 * @param expectedUnits units the scope named when it was signed
 * @param affectedUnits units the job has handled so far (RECALLED, or already recalled by another campaign)
 */
public record CampaignView(CampaignId id, String campaignNumber, String reason, RecallSeverity severity, RecallRemedy remedy,
                           String instructions, UnitSelection scope, int listedSerials, CampaignState state,
                           long expectedUnits, long affectedUnits, String startedBy, Instant startedAt,
                           @Nullable Instant completedAt, @Nullable String closedBy, @Nullable Instant closedAt,
                           long version) {

    /** Share of the job done, 0 to 1. */
    public double jobProgress() {
        if (state != CampaignState.RUNNING) {
            return 1;
        }
        return expectedUnits == 0 ? 0 : Math.min(1, (double) affectedUnits / expectedUnits);
    }
}
