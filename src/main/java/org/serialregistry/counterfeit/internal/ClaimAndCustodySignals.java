package org.serialregistry.counterfeit.internal;

import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.custody.CustodyTransferRefused;
import org.serialregistry.returns.SuspectReturnReceived;
import org.serialregistry.warranty.DuplicateClaimSuspected;
import org.serialregistry.warranty.SerialHoppingSuspected;
import org.serialregistry.warranty.SuspectSerialPresented;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Signals from warranty claims, registrations, custody transfers and returns. Each event is handled after
 * its transaction committed, in a transaction of its own, and is kept in Modulith's publication
 * registry until handled, so a restart loses none.
 */
@Component
class ClaimAndCustodySignals {

    private final ExternalSignals signals;

    ClaimAndCustodySignals(ExternalSignals signals) {
        this.signals = signals;
    }

    @ApplicationModuleListener
    void on(DuplicateClaimSuspected e) {
        signals.raise(SignalType.DUPLICATE_CLAIM, e.serial(), e.gtin(), null, "Claim " + e.claimId() + " for "
                + e.defect() + " duplicates claim(s) " + String.join(", ", e.earlierClaims()) + " (by " + e.submittedBy() + ")");
    }

    @ApplicationModuleListener
    void on(SerialHoppingSuspected e) {
        signals.raise(SignalType.SERIAL_HOPPING_CLAIM, e.serial(), e.gtin(), null, "Claim " + e.claimNumber() + " by "
                + e.claimantEmail() + ", who also claimed for " + e.otherSerials().size() + " other unit(s) within "
                + e.windowDays() + " days: " + String.join(", ", e.otherSerials().stream().limit(20).toList())
                + " (submitted by " + e.submittedBy() + ")");
    }

    @ApplicationModuleListener
    void on(SuspectSerialPresented e) {
        var type = "NOT_ISSUED".equals(e.reason()) ? SignalType.NOT_ISSUED : SignalType.FORGED_CODE;
        signals.raise(type, e.serial(), e.gtin(), null, e.reason() + " serial presented on a "
                + e.context().toLowerCase() + " by " + e.presentedBy());
    }

    @ApplicationModuleListener
    void on(SuspectReturnReceived e) {
        signals.raise(SignalType.SUSPECT_RETURN, e.serial(), e.gtin(), null, "Returned by " + e.fromParty()
                + " under " + e.rmaNumber() + " and quarantined: " + e.why());
    }

    @ApplicationModuleListener
    void on(CustodyTransferRefused e) {
        for (String serial : e.refusedSerials()) {
            signals.raise(SignalType.REFUSED_TRANSFER, serial, null, null, "Transfer "
                    + (e.shipmentNumber() == null ? "" : e.shipmentNumber() + " ") + "from " + e.fromParty() + " to "
                    + e.toParty() + " refused: " + e.reason());
        }
    }
}
