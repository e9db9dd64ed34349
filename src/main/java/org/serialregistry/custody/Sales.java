package org.serialregistry.custody;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.custody.internal.CustodyStore.CustodyRow;
import org.serialregistry.custody.internal.References;
import org.serialregistry.custody.internal.SerialCodes;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sale to the end customer that closes a unit's chain of custody (retail_selling / retail_sold;
 * status SUPPLIED). Only the party holding a unit sells it ({@link CustodyRules#whyNotHeld}).
 */
@Service
public class Sales {

    private final CustodyStore store;
    private final Parties parties;
    private final Units units;
    private final CustodyRules rules;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    Sales(CustodyStore store, Parties parties, Units units, CustodyRules rules, ApplicationEventPublisher events,
          AuditTrail audit) {
        this.store = store;
        this.parties = parties;
        this.units = units;
        this.rules = rules;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Sale to the end customer: closes the chain (retail_selling / retail_sold; status SUPPLIED).
     *
     * @param receipt the sales receipt or invoice number, recorded as {@code inv}
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER')")
    public int sell(String partyCode, List<String> serials, @Nullable String receipt) {
        var party = parties.require("party", partyCode);
        rules.requireActingFor("party", party.code());
        var list = new ArrayList<String>(new LinkedHashSet<>(serials.stream().map(s -> SerialCodes.requireSerial("serials", s)).toList()));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("serials: name at least one serial");
        }
        var custody = store.custodyOf(list);
        var found = new ArrayList<UnitRecord>();
        for (String s : list) {
            found.add(units.find(new SerialNumber(s)).orElseThrow(() ->
                    new IllegalArgumentException("serials: " + s + " was never issued by this registry")));
        }
        var notHeld = rules.notHeld(party, found, custody);
        if (notHeld != null) {
            throw rules.refuse(null, party.code(), null, list.size(), notHeld, "serials: " + party.code()
                    + " cannot sell " + notHeld.serials().size() + " unit(s) it does not hold: " + notHeld.explained());
        }
        var txs = new LinkedHashMap<String, String>();
        if (receipt != null && !receipt.isBlank()) {
            txs.put("inv", receipt.trim());
        }
        CustodyRules.validateReferences(txs);
        var event = units.record(new NewLifecycleEvent(list.stream().map(SerialNumber::new).toList(),
                EpcisEventType.OBJECT_EVENT, BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, null,
                Shipments.locationOf(party.code()), Shipments.locationOf(party.code()), party.urn(), null, txs, UnitStatus.SUPPLIED, null));
        String by = CustodyRules.actor();
        var rows = new ArrayList<CustodyRow>();
        var movements = new ArrayList<CustodyMovement>();
        for (var u : found) {
            String s = u.serial().value();
            var c = custody.get(s);
            rows.add(new CustodyRow(s, u.gtin().value(), u.lot().value(), u.intendedMarket().value(), party.code(),
                    CustodyState.SOLD, null, c == null ? null : c.shipmentId(), c == null ? party.code() : c.legitHolder(),
                    event.id()));
            movements.add(new CustodyMovement(event.id(), event.eventTime(), BusinessStep.RETAIL_SELLING,
                    Disposition.RETAIL_SOLD, s, u.gtin().value(), u.lot().value(), party.code(), null,
                    Shipments.locationOf(party.code()), null, References.format(txs), by));
        }
        store.upsertCustody(rows, custody.keySet());
        store.insertMovements(movements);
        audit.record("custody.sold", "party", party.code(), null, AuditTrail.state("units", list.size(),
                "receipt", receipt, "event", event.id()));
        events.publishEvent(new CustodyTransferred(event.id(), BusinessStep.RETAIL_SELLING, null, party.code(), null,
                List.copyOf(list)));
        return list.size();
    }
}
