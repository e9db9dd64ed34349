package org.serialregistry.serial;

import java.util.Optional;

import org.serialregistry.shared.SerialNumber;

/**
 * How far a partner (a distributor or service-centre caller) may read a unit through serial's API:
 * only units its party holds or held, and of their history only the events it took part in.
 * Serial knows no parties; the modules that do (custody, returns) implement this, and a unit is
 * visible when any of them says so.
 */
public interface PartnerUnitScope {

    /** The party the caller acts for, when this module knows it. */
    default Optional<String> actingParty() {
        return Optional.empty();
    }

    /** Whether the party holds or held the unit (custody), or works on it (an RMA with its centre). */
    boolean holdsOrHeld(String partyCode, SerialNumber serial);

    /** Whether the party took part in this event of the unit (as its source or destination). */
    default boolean tookPart(String partyCode, LifecycleEventView event) {
        return false;
    }
}
