package org.serialregistry.quality.internal;

import org.serialregistry.quality.QualityDashboard;
import org.serialregistry.serial.SerialBatchIssued;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A new batch changes the units per lot: the dashboard forgets its cached lot sizes once the batch is committed. */
@Component
class ReferenceDataChanges {

    private final QualityDashboard dashboard;

    ReferenceDataChanges(QualityDashboard dashboard) {
        this.dashboard = dashboard;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SerialBatchIssued issued) {
        dashboard.forgetReferenceData();
    }
}
