package org.serialregistry.custody;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.custody.internal.CustodyStore.CustodyRow;
import org.serialregistry.custody.internal.CustodyStore.LineRow;
import org.serialregistry.custody.internal.RefusalRecorder;
import org.serialregistry.custody.internal.References;
import org.serialregistry.custody.internal.SerialCodes;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewLifecycleEvent;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.CounterfeitList;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custody transfers: shipping units from one party to another, the receiver's confirmation with
 * every difference recorded, and the sale to the end customer that closes the chain. Each is an
 * EPCIS ObjectEvent in serial's lifecycle log (shipping / in_transit, receiving /
 * sellable_accessible, retail_selling / retail_sold) naming source and destination parties; the
 * custody projection here is derived from those events.
 *
 * <p>A party may pass on only units it holds. A transfer of units the sender does not hold is
 * refused as a whole, and the refusal is stored and published as {@link CustodyTransferRefused}.
 * A transfer to a party outside a unit's permitted markets goes through (goods did move) but
 * raises a {@link DiversionAlert} naming the last legitimate holder and publishes
 * {@link DiversionDetected}.
 */
@Service
public class Shipments {

    public static final int MAX_UNITS = 100_000;
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    static final String LOCATION_PREFIX = "urn:serial-registry:location:";

    private final CustodyStore store;
    private final Parties parties;
    private final Units units;
    private final SerialIssuance issuance;
    private final MasterData masterData;
    private final CounterfeitList counterfeits;
    private final RefusalRecorder refusals;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    Shipments(CustodyStore store, Parties parties, Units units, SerialIssuance issuance, MasterData masterData,
              CounterfeitList counterfeits, RefusalRecorder refusals, ApplicationEventPublisher events,
              AuditTrail audit, Clock clock) {
        this.store = store;
        this.parties = parties;
        this.units = units;
        this.issuance = issuance;
        this.masterData = masterData;
        this.counterfeits = counterfeits;
        this.refusals = refusals;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public static String locationOf(String partyCode) {
        return LOCATION_PREFIX + partyCode;
    }

    // ------------------------------------------------------------------ shipping

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
        if (!REF.matcher(number).matches()) {
            throw new IllegalArgumentException("shipmentNumber: 1 to 64 letters, digits and _ . : / - (the despatch advice number)");
        }
        var from = parties.require("from", r.fromParty());
        var to = parties.require("to", r.toParty());
        if (from.code().equals(to.code())) {
            throw new IllegalArgumentException("to: a party cannot ship to itself (" + from.code() + ")");
        }
        requireActingFor("from", from.code());
        store.shipmentByNumber(number).ifPresent(existing -> {
            throw new IllegalArgumentException("shipmentNumber: shipment " + number + " already exists (shipped "
                    + existing.shippedAt() + " from " + existing.fromParty() + " to " + existing.toParty() + ")");
        });
        var refs = validateReferences(r.references());
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
                    + sample(unknown));
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
                issuance.streamSerials(batch.id(), s -> units.find(s).ifPresent(u -> {
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

    /** The party holding a unit: from the projection, or its manufacturing site when it never moved. */
    private @Nullable String holderOf(UnitRecord u, @Nullable CustodyRow c) {
        return holderOf(u, c, new HashMap<>());
    }

    private @Nullable String holderOf(UnitRecord u, @Nullable CustodyRow c, Map<String, Optional<String>> makers) {
        if (c != null) {
            return c.holder();
        }
        return makers.computeIfAbsent(u.facilityCode(), f -> parties.manufacturerOf(f).map(PartyView::code)).orElse(null);
    }

    private void checkHeld(String number, PartyView from, PartyView to, List<UnitRecord> found,
                           Map<String, CustodyRow> custody) {
        var refused = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        var makers = new HashMap<String, Optional<String>>();
        for (UnitRecord u : found) {
            String s = u.serial().value();
            CustodyRow c = custody.get(s);
            String why = null;
            if (u.status().terminal()) {
                why = "unit " + s + " is " + u.status().label().toLowerCase() + ": it cannot change hands";
            } else if (u.status() == UnitStatus.SUPPLIED || c != null && c.state() == CustodyState.SOLD) {
                why = "unit " + s + " was sold to an end customer: its chain of custody is closed";
            } else if (c != null && c.state() == CustodyState.IN_TRANSIT) {
                why = "unit " + s + " is in transit from " + c.holder() + " to " + c.inTransitTo()
                        + " and not yet received";
            } else {
                String holder = holderOf(u, c, makers);
                if (holder == null && from.type() != PartyType.MANUFACTURER_SITE) {
                    why = "unit " + s + " has not left its manufacturing site " + u.facilityCode() + ", not held by "
                            + from.code();
                } else if (holder != null && !holder.equals(from.code())) {
                    why = "unit " + s + " is held by " + holder + ", not by " + from.code();
                }
            }
            if (why != null) {
                refused.add(s);
                if (reasons.size() < 5) {
                    reasons.add(why);
                }
            }
        }
        if (!refused.isEmpty()) {
            String reason = "serials: " + from.code() + " does not hold " + refused.size() + " of the " + found.size()
                    + " units it wants to ship to " + to.code() + ": " + String.join("; ", reasons)
                    + (refused.size() > reasons.size() ? "; and " + (refused.size() - reasons.size()) + " more" : "");
            long id = refusals.record(number, from.code(), to.code(), found.size(), refused, reason, actor());
            throw new CustodyRefusedException(reason, id);
        }
    }

    private ShipmentView execute(Plan p) {
        String by = actor();
        var extra = parties.extraMarkets();
        var txs = new LinkedHashMap<String, String>();
        txs.put("desadv", p.number());
        txs.putAll(p.references());
        var event = units.record(new NewLifecycleEvent(p.units().stream().map(UnitRecord::serial).toList(),
                EpcisEventType.OBJECT_EVENT, BusinessStep.SHIPPING, Disposition.IN_TRANSIT, p.shippedAt(),
                locationOf(p.from().code()), null, p.from().urn(), p.to().urn(), txs, null, null));
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
                    locationOf(p.from().code()), p.number(), refs, by));
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
        publishDiversions(alerts);
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

    private void publishDiversions(List<DiversionAlert> alerts) {
        var byHolder = new LinkedHashMap<String, List<String>>();
        var first = new HashMap<String, DiversionAlert>();
        for (var a : alerts) {
            String key = a.lastLegitimateHolder() + "|" + a.seenMarket();
            byHolder.computeIfAbsent(key, k -> new ArrayList<>()).add(a.serial());
            first.putIfAbsent(key, a);
        }
        byHolder.forEach((key, serials) -> {
            var a = first.get(key);
            events.publishEvent(new DiversionDetected(a.source(), a.lastLegitimateHolder(), a.destinationParty(),
                    a.seenMarket(), a.shipmentNumber(), List.copyOf(serials)));
        });
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Checks what a receiver scanned against the shipment, without changing anything: the report
     * the receiver sees before confirming.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER','PRODUCTION')")
    public ReceiptReport check(long shipmentId, List<String> scanned) {
        var shipment = requireShipment(shipmentId);
        requireActingFor("shipment", shipment.toParty());
        return new ReceiptReport(shipment, classify(shipment, scanned), false);
    }

    /**
     * Confirms the receipt of a shipment with the codes the receiver scanned or typed. Units listed
     * and received pass to the receiver (a receiving event); every difference (missing, not in this
     * shipment, not genuine, unknown, already sold or destroyed) is stored with the receipt.
     *
     * @throws NoSuchElementException   for a shipment that was never sent
     * @throws IllegalArgumentException when the shipment was already received, or is not for the caller
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER','PRODUCTION')")
    public ReceiptReport receive(long shipmentId, List<String> scanned) {
        var shipment = requireShipment(shipmentId);
        requireActingFor("shipment", shipment.toParty());
        if (shipment.status() != ShipmentStatus.IN_TRANSIT) {
            throw new IllegalArgumentException("shipment: " + shipment.shipmentNumber() + " was already received on "
                    + shipment.receivedAt() + " by " + shipment.receivedBy());
        }
        var lines = classify(shipment, scanned);
        var expected = lines.stream().filter(l -> l.outcome() == ReceiptOutcome.EXPECTED).map(ReceiptLine::serial).toList();
        String by = actor();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Long eventId = null;
        var txs = new LinkedHashMap<String, String>();
        txs.put("desadv", shipment.shipmentNumber());
        String refs = References.format(txs);
        if (!expected.isEmpty()) {
            var event = units.record(new NewLifecycleEvent(expected.stream().map(SerialNumber::new).toList(),
                    EpcisEventType.OBJECT_EVENT, BusinessStep.RECEIVING, Disposition.SELLABLE_ACCESSIBLE, null,
                    locationOf(shipment.toParty()), locationOf(shipment.toParty()), PartyView.urnOf(shipment.fromParty()),
                    PartyView.urnOf(shipment.toParty()), txs, null, null));
            eventId = event.id();
            var shipped = new HashMap<String, LineRow>();
            store.lines(shipment.id()).forEach(l -> shipped.put(l.serial(), l));
            var custody = store.custodyOf(expected);
            var rows = new ArrayList<CustodyRow>(expected.size());
            var movements = new ArrayList<CustodyMovement>(expected.size());
            for (String s : expected) {
                var line = shipped.get(s);
                var c = custody.get(s);
                String legit = line.diverted() || c == null ? (c == null ? shipment.fromParty() : c.legitHolder())
                        : shipment.toParty();
                rows.add(new CustodyRow(s, line.gtin(), line.lot(), c == null ? "" : c.intendedMarket(),
                        shipment.toParty(), CustodyState.HELD, null, shipment.id(), legit, event.id()));
                movements.add(new CustodyMovement(event.id(), event.eventTime(), BusinessStep.RECEIVING,
                        Disposition.SELLABLE_ACCESSIBLE, s, line.gtin(), line.lot(), shipment.fromParty(),
                        shipment.toParty(), locationOf(shipment.toParty()), shipment.shipmentNumber(), refs, by));
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
        if (store.markReceived(shipment.id(), status, eventId, now, by, received, missing, extra, notGenuine) == 0) {
            throw new IllegalArgumentException("shipment: " + shipment.shipmentNumber() + " was received meanwhile");
        }
        store.insertReceiptLines(shipment.id(), lines);
        audit.record("custody.received", "shipment", shipment.shipmentNumber(),
                AuditTrail.state("status", shipment.status().name()), AuditTrail.state("status", status.name(),
                        "received", received, "missing", missing, "extra", extra, "notGenuine", notGenuine));
        if (eventId != null) {
            events.publishEvent(new CustodyTransferred(eventId, BusinessStep.RECEIVING, shipment.shipmentNumber(),
                    shipment.fromParty(), shipment.toParty(), expected));
        }
        events.publishEvent(new ShipmentReceived(shipment.id(), shipment.shipmentNumber(), shipment.fromParty(),
                shipment.toParty(), counts));
        return new ReceiptReport(store.shipment(shipment.id()).orElseThrow(), lines, true);
    }

    private ShipmentView requireShipment(long id) {
        return store.shipment(id).orElseThrow(() -> new NoSuchElementException("No shipment " + id
                + " was ever sent"));
    }

    /** Classifies every scanned code; listed serials not scanned come last as MISSING. */
    List<ReceiptLine> classify(ShipmentView shipment, List<String> scanned) {
        if (scanned == null) {
            scanned = List.of();
        }
        if (scanned.size() > MAX_UNITS * 2) {
            throw new IllegalArgumentException("serials: at most " + (MAX_UNITS * 2) + " codes per receipt");
        }
        var shipped = new LinkedHashMap<String, LineRow>();
        store.lines(shipment.id()).forEach(l -> shipped.put(l.serial(), l));
        var gtins = new ArrayList<String>(store.distinctGtins(shipment.id()));
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
                lines.add(new ReceiptLine(clip(raw), null, null, ReceiptOutcome.NOT_GENUINE, "not a serial: " + code.problem()));
                continue;
            }
            String s = code.serial();
            if (!seen.add(s)) {
                continue;
            }
            var line = shipped.get(s);
            if (line != null) {
                if (counterfeits.isListed(s)) {
                    lines.add(new ReceiptLine(clip(raw), s, line.gtin(), ReceiptOutcome.NOT_GENUINE,
                            "on the counterfeit list"));
                } else {
                    lines.add(new ReceiptLine(clip(raw), s, line.gtin(), ReceiptOutcome.EXPECTED, null));
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
            return new ReceiptLine(clip(raw), serial, scannedGtin, ReceiptOutcome.NOT_GENUINE,
                    genuineFor == null ? "fails the code check" : "on the counterfeit list");
        }
        var unit = units.find(new SerialNumber(serial));
        if (unit.isEmpty()) {
            return new ReceiptLine(clip(raw), serial, genuineFor, ReceiptOutcome.UNKNOWN,
                    "valid code that was never issued");
        }
        var u = unit.get();
        if (u.status().terminal() || u.status() == UnitStatus.SUPPLIED) {
            return new ReceiptLine(clip(raw), serial, u.gtin().value(), ReceiptOutcome.INACTIVE,
                    u.status() == UnitStatus.SUPPLIED ? "already sold to an end customer" : "unit is " + u.status().label().toLowerCase());
        }
        var c = store.custody(serial);
        String where = c.map(r -> r.state() == CustodyState.IN_TRANSIT ? "in transit from " + r.holder() + " to "
                + r.inTransitTo() : "held by " + r.holder()).orElse("held by " + parties.manufacturerOf(u.facilityCode()).map(PartyView::code).orElse("its maker")
                + " at its manufacturing site " + u.facilityCode());
        return new ReceiptLine(clip(raw), serial, u.gtin().value(), ReceiptOutcome.NOT_IN_SHIPMENT,
                "genuine, not in this shipment; " + where);
    }

    // ------------------------------------------------------------------ selling

    /**
     * Sale to the end customer: closes the chain (retail_selling / retail_sold; status SUPPLIED).
     *
     * @param receipt the sales receipt or invoice number, recorded as {@code inv}
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER')")
    public int sell(String partyCode, List<String> serials, @Nullable String receipt) {
        var party = parties.require("party", partyCode);
        requireActingFor("party", party.code());
        var list = new ArrayList<String>(new LinkedHashSet<>(serials.stream().map(s -> SerialCodes.requireSerial("serials", s)).toList()));
        if (list.isEmpty()) {
            throw new IllegalArgumentException("serials: name at least one serial");
        }
        var custody = store.custodyOf(list);
        var refused = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        var found = new ArrayList<UnitRecord>();
        for (String s : list) {
            var u = units.find(new SerialNumber(s)).orElseThrow(() ->
                    new IllegalArgumentException("serials: " + s + " was never issued by this registry"));
            found.add(u);
            var c = custody.get(s);
            String holder = c == null ? holderOf(u, null) : c.holder();
            if (c != null && c.state() != CustodyState.HELD || u.status() == UnitStatus.SUPPLIED || u.status().terminal()
                    || !party.code().equals(holder)) {
                refused.add(s);
                if (reasons.size() < 5) {
                    reasons.add("unit " + s + (c != null && c.state() == CustodyState.SOLD || u.status() == UnitStatus.SUPPLIED
                            ? " was already sold" : c != null && c.state() == CustodyState.IN_TRANSIT ? " is in transit"
                            : " is held by " + holder));
                }
            }
        }
        if (!refused.isEmpty()) {
            String reason = "serials: " + party.code() + " cannot sell " + refused.size() + " unit(s) it does not hold: "
                    + String.join("; ", reasons);
            long id = refusals.record(null, party.code(), null, list.size(), refused, reason, actor());
            throw new CustodyRefusedException(reason, id);
        }
        var txs = new LinkedHashMap<String, String>();
        if (receipt != null && !receipt.isBlank()) {
            txs.put("inv", receipt.trim());
        }
        validateReferences(txs);
        var event = units.record(new NewLifecycleEvent(list.stream().map(SerialNumber::new).toList(),
                EpcisEventType.OBJECT_EVENT, BusinessStep.RETAIL_SELLING, Disposition.RETAIL_SOLD, null,
                locationOf(party.code()), locationOf(party.code()), party.urn(), null, txs, UnitStatus.SUPPLIED, null));
        String by = actor();
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
                    locationOf(party.code()), null, References.format(txs), by));
        }
        store.upsertCustody(rows, custody.keySet());
        store.insertMovements(movements);
        audit.record("custody.sold", "party", party.code(), null, AuditTrail.state("units", list.size(),
                "receipt", receipt, "event", event.id()));
        events.publishEvent(new CustodyTransferred(event.id(), BusinessStep.RETAIL_SELLING, null, party.code(), null,
                List.copyOf(list)));
        return list.size();
    }

    // ------------------------------------------------------------------ reading

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public Optional<ShipmentView> find(long id) {
        var s = store.shipment(id);
        s.ifPresent(this::requireVisible);
        return s;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public Optional<ShipmentView> findByNumber(String number) {
        var s = store.shipmentByNumber(number == null ? "" : number.trim());
        s.ifPresent(this::requireVisible);
        return s;
    }

    /** Shipments addressed to a party and not yet received, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<ShipmentView> incoming(String partyCode) {
        requireActingFor("party", partyCode);
        return store.shipments(null, partyCode, ShipmentStatus.IN_TRANSIT, 500);
    }

    /** Recent shipments from or to a party (null: all parties), newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<ShipmentView> recent(@Nullable String partyCode, int limit) {
        if (partyCode != null) {
            requireActingFor("party", partyCode);
        } else if (parties.partyBoundCaller()) {
            partyCode = parties.actingParty().orElse("-");
        }
        return store.shipments(partyCode, null, null, limit);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<String> serialsOf(long shipmentId) {
        requireVisible(requireShipment(shipmentId));
        return store.lines(shipmentId).stream().map(LineRow::serial).toList();
    }

    /** The stored receipt lines of a received shipment (empty while in transit). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<ReceiptLine> receiptLines(long shipmentId) {
        requireVisible(requireShipment(shipmentId));
        return store.receiptLines(shipmentId);
    }

    private void requireVisible(ShipmentView s) {
        if (parties.partyBoundCaller()) {
            var mine = parties.actingParty().orElse(null);
            if (!s.fromParty().equals(mine) && !s.toParty().equals(mine)) {
                throw new NoSuchElementException("No shipment " + s.id() + " was ever sent to or from your party");
            }
        }
    }

    /**
     * A caller bound to a party acts only for it (production for its manufacturing site, distributors,
     * service centres); administrators and channel managers act for any party (see {@link Parties#partyBoundCaller}).
     */
    private void requireActingFor(String field, String partyCode) {
        if (!parties.partyBoundCaller()) {
            return;
        }
        var mine = parties.actingParty();
        if (mine.isEmpty()) {
            throw new IllegalArgumentException(field + ": your account or key is bound to no party; ask an administrator");
        }
        if (!mine.get().equals(partyCode)) {
            throw new IllegalArgumentException(field + ": you act for " + mine.get() + ", not for " + partyCode);
        }
    }

    private static Map<String, String> validateReferences(@Nullable Map<String, String> refs) {
        var result = new LinkedHashMap<String, String>();
        if (refs == null) {
            return result;
        }
        refs.forEach((type, id) -> {
            if (type == null || id == null || !REF.matcher(type.trim()).matches() || !REF.matcher(id.trim()).matches()) {
                throw new IllegalArgumentException("references: type and number are 1 to 64 letters, digits and _ . : / -");
            }
            if (type.trim().equals("desadv")) {
                throw new IllegalArgumentException("references: desadv is the shipment number; give it as shipmentNumber");
            }
            result.put(type.trim(), id.trim());
        });
        return result;
    }

    private static String sample(List<String> serials) {
        return String.join(", ", serials.subList(0, Math.min(5, serials.size())))
                + (serials.size() > 5 ? " and " + (serials.size() - 5) + " more" : "");
    }

    private static String clip(String raw) {
        return raw.length() > 200 ? raw.substring(0, 200) : raw;
    }

    static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
