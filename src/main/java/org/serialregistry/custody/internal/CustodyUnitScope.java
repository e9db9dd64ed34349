package org.serialregistry.custody.internal;

import java.util.Optional;

import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyView;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.PartnerUnitScope;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A partner may read a unit that its party holds, held, or that is in transit to or from it. */
@Component
class CustodyUnitScope implements PartnerUnitScope {

    private final Parties parties;
    private final CustodyStore store;

    CustodyUnitScope(Parties parties, CustodyStore store) {
        this.parties = parties;
        this.store = store;
    }

    @Override
    public Optional<String> actingParty() {
        return parties.actingParty();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean holdsOrHeld(String partyCode, SerialNumber serial) {
        return store.involves(partyCode, serial.value());
    }

    @Override
    public boolean tookPart(String partyCode, LifecycleEventView event) {
        String urn = PartyView.urnOf(partyCode);
        return urn.equals(event.sourceParty()) || urn.equals(event.destinationParty());
    }
}
