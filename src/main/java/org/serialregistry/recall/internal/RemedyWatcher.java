package org.serialregistry.recall.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.serialregistry.recall.RecallUnitState;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.LifecycleEventRecorded;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.serial.UnitStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves recalled units on as their lifecycle says, whoever records it (this module, a returns desk,
 * a repair): a return (disposition returned) makes a unit RETURNED; a repair, replacement or its
 * destruction makes it REMEDIED. Runs in the recording transaction, so the figures never lag the log.
 */
@Component
class RemedyWatcher {

    private final CampaignStore store;
    private final Clock clock;

    RemedyWatcher(CampaignStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @EventListener
    void on(LifecycleEventRecorded event) {
        boolean remedied = event.bizStep() == BusinessStep.REPAIRING || event.bizStep() == BusinessStep.REPLACING
                || event.newStatus() == UnitStatus.DESTROYED || event.newStatus() == UnitStatus.ARCHIVED;
        boolean returned = event.disposition() == Disposition.RETURNED;
        if (!remedied && !returned) {
            return;
        }
        var serials = event.serials().stream().map(SerialNumber::value).toList();
        if (remedied) {
            store.markUnits(serials, RecallUnitState.REMEDIED, List.of(RecallUnitState.IN_FIELD, RecallUnitState.RETURNED),
                    Instant.now(clock));
        } else {
            store.markUnits(serials, RecallUnitState.RETURNED, List.of(RecallUnitState.IN_FIELD), Instant.now(clock));
        }
    }
}
