package org.serialregistry.custody.internal;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.custody.CustodyState;
import org.serialregistry.custody.PartyView;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Component;

/**
 * Derives a unit's custody from its lifecycle events alone: replays shipping, receiving and
 * retail selling events (their source and destination parties) in order.
 */
@Component
public class CustodyReplay {

    private final Units units;
    private final CustodyStore store;
    private final PartyStore parties;

    CustodyReplay(Units units, CustodyStore store, PartyStore parties) {
        this.units = units;
        this.store = store;
        this.parties = parties;
    }

    public void rebuild(String serial) {
        var unit = units.find(new SerialNumber(serial))
                .orElseThrow(() -> new IllegalArgumentException("serial: " + serial + " was never issued"));
        var extra = parties.extraMarkets().getOrDefault(unit.gtin().value(), Set.of());
        String mfg = parties.manufacturerOf(unit.facilityCode()).map(PartyView::code).orElse(null);
        String holder = mfg;
        String legit = mfg;
        CustodyState state = CustodyState.HELD;
        String inTransitTo = null;
        boolean diverted = false;
        Long shipmentId = null;
        LifecycleEventId lastEvent = null;
        var movements = new ArrayList<CustodyMovement>();
        for (LifecycleEventView e : units.history(new SerialNumber(serial))) {
            if (e.bizStep() != BusinessStep.SHIPPING && e.bizStep() != BusinessStep.RECEIVING
                    && e.bizStep() != BusinessStep.RETAIL_SELLING) {
                continue;
            }
            String from = code(e.sourceParty());
            String to = code(e.destinationParty());
            String number = e.bizTransactions().get("desadv");
            switch (e.bizStep()) {
                case SHIPPING -> {
                    if (legit == null) {
                        legit = from;
                    }
                    var fromParty = from == null ? null : parties.find(from).orElse(null);
                    var toParty = to == null ? null : parties.find(to).orElse(null);
                    diverted = toParty != null && fromParty != null
                            && (divertedMarket(unit.intendedMarket(), extra, toParty.country())
                            || !fromParty.authorisedFor(toParty.country()));
                    holder = from;
                    state = CustodyState.IN_TRANSIT;
                    inTransitTo = to;
                    shipmentId = number == null ? null : store.shipmentByNumber(number).map(s -> s.id().value()).orElse(null);
                }
                case RECEIVING -> {
                    holder = to;
                    state = CustodyState.HELD;
                    inTransitTo = null;
                    if (!diverted) {
                        legit = to;
                    }
                }
                default -> {
                    holder = from;
                    state = CustodyState.SOLD;
                    inTransitTo = null;
                }
            }
            lastEvent = e.id();
            movements.add(new CustodyMovement(e.id(), e.eventTime(), e.bizStep(), e.disposition(), serial,
                    unit.gtin().value(), unit.lot().value(), from, to,
                    e.bizStep() == BusinessStep.SHIPPING ? e.readPoint() : e.bizLocation() != null ? e.bizLocation() : e.readPoint(),
                    number, References.format(e.bizTransactions()), e.recordedBy()));
        }
        store.deleteCustody(serial);
        if (!movements.isEmpty()) {
            store.upsertCustody(java.util.List.of(new CustodyStore.CustodyRow(serial, unit.gtin().value(),
                    unit.lot().value(), unit.intendedMarket().value(), holder, state, inTransitTo, shipmentId,
                    legit == null ? holder : legit, lastEvent)));
            store.insertMovements(movements);
        }
    }

    private static boolean divertedMarket(CountryCode intended, Set<CountryCode> extra, CountryCode market) {
        return !market.equals(intended) && !extra.contains(market);
    }

    private static @Nullable String code(@Nullable String urn) {
        return urn != null && urn.startsWith(PartyView.URN_PREFIX) ? urn.substring(PartyView.URN_PREFIX.length()) : null;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
