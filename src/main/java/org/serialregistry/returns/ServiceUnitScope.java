package org.serialregistry.returns;

import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyType;
import org.serialregistry.serial.PartnerUnitScope;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.ClaimQueries;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A service centre may read a unit that has a claim (an RMA) with its centre. */
@Component
class ServiceUnitScope implements PartnerUnitScope {

    private final Parties parties;
    private final ClaimQueries claims;
    private final ServiceQueue queue;

    ServiceUnitScope(Parties parties, ClaimQueries claims, ServiceQueue queue) {
        this.parties = parties;
        this.claims = claims;
        this.queue = queue;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean holdsOrHeld(String partyCode, SerialNumber serial) {
        if (parties.find(partyCode).filter(p -> p.type() == PartyType.SERVICE_CENTRE).isEmpty()) {
            return false;
        }
        return claims.ofSerial(serial.value()).stream().anyMatch(c -> partyCode.equals(queue.serviceParty(c)));
    }
}
