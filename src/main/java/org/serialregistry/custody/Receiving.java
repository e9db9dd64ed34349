package org.serialregistry.custody;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.custody.internal.CustodyStore.CustodyRow;
import org.serialregistry.custody.internal.CustodyStore.LineRow;
import org.serialregistry.custody.internal.References;
import org.serialregistry.custody.internal.SerialCodes;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.CounterfeitList;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The receiver's confirmation of a shipment: what was scanned is checked against the shipment, the
 * units listed and received pass to the receiver (receiving / sellable_accessible), and every
 * difference (missing, not in this shipment, not genuine, unknown, already sold or destroyed) is
 * stored with the receipt.
 */
@Service
public class Receiving {

    private final CustodyStore store;
    private final Parties parties;
    private final Units units;
    private final MasterData masterData;
    private final CounterfeitList counterfeits;
    private final CustodyRules rules;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    Receiving(CustodyStore store, Parties parties, Units units, MasterData masterData, CounterfeitList counterfeits,
              CustodyRules rules, ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
        this.store = store;
        this.parties = parties;
        this.units = units;
        this.masterData = masterData;
        this.counterfeits = counterfeits;
        this.rules = rules;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Checks what a receiver scanned against the shipment, without changing anything: the report
     * the receiver sees before confirming.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER','PRODUCTION')")
    public ReceiptReport check(ShipmentId shipmentId, List<String> scanned) {
        var shipment = rules.requireShipment(shipmentId);
        rules.requireActingFor("shipment", shipment.toParty());
        return new ReceiptReport(shipment, classify(shipment, scanned), false);
    }

    /**
     * Confirms the receipt of a shipment with the codes the receiver scanned or typed. Units listed
     * and received pass to the receiver (a receiving event); every difference (missing, not in this
     * shipment, not genuine, unknown, already sold or destroyed) is stored with the receipt.
     *
     * @throws NoSuchElementException   for a shipment that was never sent
     * @throws ShipmentAlreadyReceivedException when the shipment was received already (or meanwhile)
     * @throws IllegalArgumentException when the shipment is not for the caller
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER','PRODUCTION')")
    public ReceiptReport receive(ShipmentId shipmentId, List<String> scanned) {
        var shipment = rules.requireShipment(shipmentId);
        rules.requireActingFor("shipment", shipment.toParty());
        if (shipment.status() != ShipmentStatus.IN_TRANSIT) {
            throw new ShipmentAlreadyReceivedException("shipment: " + shipment.shipmentNumber() + " was already received on "
                    + shipment.receivedAt() + " by " + shipment.receivedBy());
        }
        var lines = classify(shipment, scanned);
        var expected = lines.stream().filter(l -> l.outcome() == ReceiptOutcome.EXPECTED).map(ReceiptLine::serial).toList();
        String by = CustodyRules.actor();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        LifecycleEventId eventId = null;
        var txs = new LinkedHashMap<String, String>();
        txs.put("desadv", shipment.shipmentNumber());
        String refs = References.format(txs);
        if (!expected.isEmpty()) {
            var event = units.record(new NewLifecycleEvent(expected.stream().map(SerialNumber::new).toList(),
                    EpcisEventType.OBJECT_EVENT, BusinessStep.RECEIVING, Disposition.SELLABLE_ACCESSIBLE, null,
                    Shipments.locationOf(shipment.toParty()), Shipments.locationOf(shipment.toParty()), PartyView.urnOf(shipment.fromParty()),
                    PartyView.urnOf(shipment.toParty()), txs, null, null));
            eventId = event.id();
            var shipped = new HashMap<String, LineRow>();
            store.lines(shipment.id().value()).forEach(l -> shipped.put(l.serial(), l));
            var custody = store.custodyOf(expected);
            var rows = new ArrayList<CustodyRow>(expected.size());
            var movements = new ArrayList<CustodyMovement>(expected.size());
            for (String s : expected) {
                var line = shipped.get(s);
                var c = custody.get(s);
                String legit = line.diverted() || c == null ? (c == null ? shipment.fromParty() : c.legitHolder())
                        : shipment.toParty();
                rows.add(new CustodyRow(s, line.gtin(), line.lot(), c == null ? "" : c.intendedMarket(),
                        shipment.toParty(), CustodyState.HELD, null, shipment.id().value(), legit, event.id()));
                movements.add(new CustodyMovement(event.id(), event.eventTime(), BusinessStep.RECEIVING,
                        Disposition.SELLABLE_ACCESSIBLE, s, line.gtin(), line.lot(), shipment.fromParty(),
                        shipment.toParty(), Shipments.locationOf(shipment.toParty()), shipment.shipmentNumber(), refs, by));
            }
            store.upsertCustody(rows, custody.keySet());
            store.insertMovements(movements);
        }
        var report = new ReceiptReport(shipment, lines, true);
        var counts = report.counts();
        int received = counts.get(ReceiptOutcome.EXPECTED).intValue();
        int missing = counts.get(ReceiptOutcome.MISSING).intValue();
        int extra = (int) (counts.get(ReceiptOutcome.NOT_IN_SHIPMENT) + counts.get(ReceiptOutcome.UNKNOWN)
                + counts.get(ReceiptOutcome.INACTIVE));
        int notGenuine = counts.get(ReceiptOutcome.NOT_GENUINE).intValue();
        var status = lines.stream().anyMatch(l -> l.outcome().difference()) ? ShipmentStatus.RECEIVED_WITH_DIFFERENCES
                : ShipmentStatus.RECEIVED;
        if (store.markReceived(shipment.id().value(), status, eventId, now, by, received, missing, extra, notGenuine) == 0) {
            // a colleague's receipt committed while this one was checked: this one is rolled back whole
            throw new ShipmentAlreadyReceivedException("shipment: " + shipment.shipmentNumber()
                    + " was received meanwhile by someone else; nothing was recorded for this receipt");
        }
        store.insertReceiptLines(shipment.id().value(), lines);
        audit.record("custody.received", "shipment", shipment.shipmentNumber(),
                AuditTrail.state("status", shipment.status().name()), AuditTrail.state("status", status.name(),
                        "received", received, "missing", missing, "extra", extra, "notGenuine", notGenuine));
        if (eventId != null) {
            events.publishEvent(new CustodyTransferred(eventId, BusinessStep.RECEIVING, shipment.shipmentNumber(),
                    shipment.fromParty(), shipment.toParty(), expected));
        }
        return new ReceiptReport(store.shipment(shipment.id().value()).orElseThrow(), lines, true);
    }

    /** Classifies every scanned code; listed serials not scanned come last as MISSING. */
    List<ReceiptLine> classify(ShipmentView shipment, List<String> scanned) {
        if (scanned == null) {
            scanned = List.of();
        }
        if (scanned.size() > Shipping.MAX_UNITS * 2) {
            throw new IllegalArgumentException("serials: at most " + (Shipping.MAX_UNITS * 2) + " codes per receipt");
        }
        var shipped = new LinkedHashMap<String, LineRow>();
        store.lines(shipment.id().value()).forEach(l -> shipped.put(l.serial(), l));
        var gtins = new ArrayList<String>(store.distinctGtins(shipment.id().value()));
        masterData.products().forEach(p -> {
            if (!gtins.contains(p.gtin().value())) {
                gtins.add(p.gtin().value());
            }
        });
        var seen = new HashSet<String>();
        var lines = new ArrayList<ReceiptLine>();
        for (String raw : scanned) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            var code = SerialCodes.read(raw);
            if (code.serial() == null) {
                lines.add(new ReceiptLine(CustodyRules.clip(raw), null, null, ReceiptOutcome.NOT_GENUINE, "not a serial: " + code.problem()));
                continue;
            }
            String s = code.serial();
            if (!seen.add(s)) {
                continue;
            }
            var line = shipped.get(s);
            if (line != null) {
                if (counterfeits.isListed(s)) {
                    lines.add(new ReceiptLine(CustodyRules.clip(raw), s, line.gtin(), ReceiptOutcome.NOT_GENUINE,
                            "on the counterfeit list"));
                } else {
                    lines.add(new ReceiptLine(CustodyRules.clip(raw), s, line.gtin(), ReceiptOutcome.EXPECTED, null));
                }
                continue;
            }
            lines.add(classifyUnexpected(raw, s, code.gtin(), gtins));
        }
        for (var l : shipped.values()) {
            if (!seen.contains(l.serial())) {
                lines.add(new ReceiptLine(l.serial(), l.serial(), l.gtin(), ReceiptOutcome.MISSING,
                        "listed in shipment " + shipment.shipmentNumber() + " but not received"));
            }
        }
        return lines;
    }

    private ReceiptLine classifyUnexpected(String raw, String serial, @Nullable String scannedGtin, List<String> gtins) {
        String genuineFor = null;
        for (String g : scannedGtin != null ? List.of(scannedGtin) : gtins) {
            try {
                if (units.checkCode(new Gtin(g), serial).genuine()) {
                    genuineFor = g;
                    break;
                }
            } catch (IllegalArgumentException badGtin) {
                // a GTIN from a scanned link may be invalid: then the code is not ours
            }
        }
        if (genuineFor == null || counterfeits.isListed(serial)) {
            return new ReceiptLine(CustodyRules.clip(raw), serial, scannedGtin, ReceiptOutcome.NOT_GENUINE,
                    genuineFor == null ? "fails the code check" : "on the counterfeit list");
        }
        var unit = units.find(new SerialNumber(serial));
        if (unit.isEmpty()) {
            return new ReceiptLine(CustodyRules.clip(raw), serial, genuineFor, ReceiptOutcome.UNKNOWN,
                    "valid code that was never issued");
        }
        var u = unit.get();
        if (u.status().terminal() || u.status() == UnitStatus.SUPPLIED) {
            return new ReceiptLine(CustodyRules.clip(raw), serial, u.gtin().value(), ReceiptOutcome.INACTIVE,
                    u.status() == UnitStatus.SUPPLIED ? "already sold to an end customer" : "unit is " + u.status().label().toLowerCase());
        }
        var c = store.custody(serial);
        String where = c.map(r -> r.state() == CustodyState.IN_TRANSIT ? "in transit from " + r.holder() + " to "
                + r.inTransitTo() : "held by " + r.holder()).orElse("held by " + parties.manufacturerOf(u.facilityCode()).map(PartyView::code).orElse("its maker")
                + " at its manufacturing site " + u.facilityCode());
        return new ReceiptLine(CustodyRules.clip(raw), serial, u.gtin().value(), ReceiptOutcome.NOT_IN_SHIPMENT,
                "genuine, not in this shipment; " + where);
    }
}
