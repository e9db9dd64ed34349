package org.serialregistry.custody;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shipping units from one party to another: an EPCIS ObjectEvent (shipping / in_transit) in serial's
 * lifecycle log naming source and destination, and the custody projection derived from it.
 *
 * <p>A party may pass on only units it holds ({@link CustodyRules#whyNotHeld}). A shipment of units the
 * sender does not hold is refused as a whole, and the refusal is stored and published as
 * {@link CustodyTransferRefused}. A shipment to a party outside a unit's permitted markets goes
 * through (goods did move) but raises a {@link DiversionAlert} naming the last legitimate holder.
 */
@Service
public class Shipping {

    public static final int MAX_UNITS = 100_000;

    private final CustodyStore store;
    private final Parties parties;
    private final Units units;
    private final SerialIssuance issuance;
    private final CustodyRules rules;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    Shipping(CustodyStore store, Parties parties, Units units, SerialIssuance issuance, CustodyRules rules,
             ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
        this.store = store;
        this.parties = parties;
        this.units = units;
        this.issuance = issuance;
        this.rules = rules;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Ships units from one party to another.
     *
     * @throws IllegalArgumentException naming the problem (unknown party, malformed or unknown serial,
     *                                  duplicate shipment number); nothing is written then
     * @throws CustodyRefusedException  when the sender does not hold some units; the refusal is stored
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public ShipmentView ship(NewShipment request) {
        var plan = plan(request);
        return execute(plan);
    }

    /** A validated shipment, ready to be written. */
    record Plan(String number, PartyView from, PartyView to, List<UnitRecord> units, Map<String, CustodyRow> custody,
                Map<String, String> references, Instant shippedAt) {
    }

    Plan plan(NewShipment r) {
        if (r == null) {
            throw new IllegalArgumentException("shipment: missing");
        }
        String number = r.shipmentNumber() == null ? "" : r.shipmentNumber().trim();
        if (!CustodyRules.REF.matcher(number).matches()) {
            throw new IllegalArgumentException("shipmentNumber: 1 to 64 letters, digits and _ . : / - (the despatch advice number)");
        }
        var from = parties.require("from", r.fromParty());
        var to = parties.require("to", r.toParty());
        if (from.code().equals(to.code())) {
            throw new IllegalArgumentException("to: a party cannot ship to itself (" + from.code() + ")");
        }
        rules.requireActingFor("from", from.code());
        store.shipmentByNumber(number).ifPresent(existing -> {
            throw new IllegalArgumentException("shipmentNumber: shipment " + number + " already exists (shipped "
                    + existing.shippedAt() + " from " + existing.fromParty() + " to " + existing.toParty() + ")");
        });
        var refs = CustodyRules.validateReferences(r.references());
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant at = r.shippedAt() == null ? now : r.shippedAt().truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now.plusSeconds(300))) {
            throw new IllegalArgumentException("shippedAt: " + at + " is in the future");
        }

        var serials = new LinkedHashSet<String>();
        if (r.serials() != null) {
            for (String raw : r.serials()) {
                serials.add(SerialCodes.requireSerial("serials", raw));
            }
        }
        var lotUnits = new LinkedHashMap<String, UnitRecord>();
        if (r.lots() != null) {
            for (var lot : r.lots()) {
                expandLot(lot, lotUnits);
            }
        }
        serials.addAll(lotUnits.keySet());
        if (serials.isEmpty()) {
            throw new IllegalArgumentException("serials: name at least one serial or lot to ship");
        }
        if (serials.size() > MAX_UNITS) {
            throw new IllegalArgumentException("serials: at most " + MAX_UNITS + " units per shipment, got " + serials.size());
        }
        var found = new ArrayList<UnitRecord>(serials.size());
        var unknown = new ArrayList<String>();
        for (String s : serials) {
            var unit = lotUnits.containsKey(s) ? Optional.of(lotUnits.get(s)) : units.find(new SerialNumber(s));
            if (unit.isEmpty()) {
                unknown.add(s);
            } else {
                found.add(unit.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("serials: " + unknown.size() + " never issued by this registry: "
                    + CustodyRules.sample(unknown));
        }
        var custody = store.custodyOf(serials);
        checkHeld(number, from, to, found, custody);
        return new Plan(number, from, to, found, custody, refs, at);
    }

    private void expandLot(NewShipment.LotRef ref, Map<String, UnitRecord> sink) {
        Gtin gtin = Gtin.of(ref.gtin());
        LotNumber lot = new LotNumber(ref.lot() == null ? null : ref.lot().trim());
        int before = sink.size();
        for (var batch : issuance.latestBatches(10_000)) {
            if (batch.gtin().equals(gtin.value()) && batch.lot().equals(lot.value())) {
                issuance.streamSerials(batch.batchId(), s -> units.find(s).ifPresent(u -> {
                    if (!u.status().terminal() && u.status() != UnitStatus.SUPPLIED) {
                        sink.put(s.value(), u);
                    }
                }));
            }
        }
        if (sink.size() == before) {
            throw new IllegalArgumentException("lots: no shippable units of GTIN " + gtin.value() + " lot " + lot.value());
        }
    }

    private void checkHeld(String number, PartyView from, PartyView to, List<UnitRecord> found,
                           Map<String, CustodyRow> custody) {
        var notHeld = rules.notHeld(from, found, custody);
        if (notHeld != null) {
            throw rules.refuse(number, from.code(), to.code(), found.size(), notHeld, "serials: " + from.code()
                    + " does not hold " + notHeld.serials().size() + " of the " + found.size()
                    + " units it wants to ship to " + to.code() + ": " + notHeld.explained());
        }
    }

    private ShipmentView execute(Plan p) {
        String by = CustodyRules.actor();
        var extra = parties.extraMarkets();
        var txs = new LinkedHashMap<String, String>();
        txs.put("desadv", p.number());
        txs.putAll(p.references());
        var event = units.record(new NewLifecycleEvent(p.units().stream().map(UnitRecord::serial).toList(),
                EpcisEventType.OBJECT_EVENT, BusinessStep.SHIPPING, Disposition.IN_TRANSIT, p.shippedAt(),
                Shipments.locationOf(p.from().code()), null, p.from().urn(), p.to().urn(), txs, null, null));
        String refs = References.format(txs);
        var lines = new ArrayList<LineRow>(p.units().size());
        var rows = new ArrayList<CustodyRow>(p.units().size());
        var movements = new ArrayList<CustodyMovement>(p.units().size());
        var alerts = new ArrayList<DiversionAlert>();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var mfgCache = new HashMap<String, String>();
        for (UnitRecord u : p.units()) {
            String s = u.serial().value();
            CustodyRow c = p.custody().get(s);
            String legit = c != null ? c.legitHolder()
                    : mfgCache.computeIfAbsent(u.facilityCode(), f -> parties.manufacturerOf(f).map(PartyView::code)
                    .orElse(p.from().code()));
            String divertedBecause = divertedBecause(u, p.from(), p.to(), extra.getOrDefault(u.gtin().value(), Set.of()));
            boolean diverted = divertedBecause != null;
            if (diverted) {
                alerts.add(DiversionAlert.open(now, "TRANSFER", s, u.gtin().value(), u.lot().value(),
                        u.intendedMarket().value(), p.to().country().value(), p.to().code(), legit, p.number(),
                        event.id(), divertedBecause));
            }
            lines.add(new LineRow(s, u.gtin().value(), u.lot().value(), diverted));
            movements.add(new CustodyMovement(event.id(), event.eventTime(), BusinessStep.SHIPPING,
                    Disposition.IN_TRANSIT, s, u.gtin().value(), u.lot().value(), p.from().code(), p.to().code(),
                    Shipments.locationOf(p.from().code()), p.number(), refs, by));
        }
        long id = store.insertShipment(p.number(), p.from().code(), p.to().code(), refs, p.units().size(), alerts.size(),
                event.id(), p.shippedAt(), by);
        for (UnitRecord u : p.units()) {
            String s = u.serial().value();
            CustodyRow c = p.custody().get(s);
            String legit = c != null ? c.legitHolder() : mfgCache.getOrDefault(u.facilityCode(), p.from().code());
            rows.add(new CustodyRow(s, u.gtin().value(), u.lot().value(), u.intendedMarket().value(), p.from().code(),
                    CustodyState.IN_TRANSIT, p.to().code(), id, legit, event.id()));
        }
        store.insertLines(id, lines);
        store.upsertCustody(rows, p.custody().keySet());
        store.insertMovements(movements);
        if (!alerts.isEmpty()) {
            store.insertAlerts(alerts);
        }
        audit.record("custody.shipped", "shipment", p.number(), null, AuditTrail.state("from", p.from().code(),
                "to", p.to().code(), "units", p.units().size(), "diverted", alerts.size(), "event", event.id()));
        var serials = p.units().stream().map(u -> u.serial().value()).toList();
        events.publishEvent(new CustodyTransferred(event.id(), BusinessStep.SHIPPING, p.number(), p.from().code(),
                p.to().code(), serials));
        return store.shipment(id).orElseThrow();
    }

    /** Why a transfer of this unit from {@code from} to {@code to} is a diversion, or null when it is not. */
    static @Nullable String divertedBecause(UnitRecord u, PartyView from, PartyView to, Set<CountryCode> extraMarkets) {
        CountryCode market = to.country();
        if (!market.equals(u.intendedMarket()) && !extraMarkets.contains(market)) {
            return "shipped to " + to.code() + " in " + market.value() + ", outside the unit's intended market "
                    + u.intendedMarket().value();
        }
        if (!from.authorisedFor(market)) {
            return "shipped to " + to.code() + " in " + market.value() + ", outside the markets " + from.code()
                    + " is authorised for (" + Parties.join(from.authorisedMarkets()) + ")";
        }
        return null;
    }
}
