package org.serialregistry.epcis.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.PartyView;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.Sales;
import org.serialregistry.custody.Shipments;
import org.serialregistry.custody.Shipping;
import org.serialregistry.custody.ShipmentStatus;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Applies captured events to custody through custody's public API, so that a partner's EPCIS event
 * obeys exactly the rules of our own shipments: shipping (source and destination parties) ships,
 * receiving receives the shipment named by its {@code desadv} business transaction (or the one the
 * units are in transit with), retail_selling sells. EPCs that are packed (an SSCC pallet, a case)
 * stand for everything packed in them. Events about units this registry never issued change nothing.
 */
@Component
public class CustodyBridge {

    static final String LOCATION_PREFIX = "urn:serial-registry:location:";
    private static final Set<String> PARTY_TYPES = Set.of("owning_party", "possessing_party");

    private final Shipments shipments;
    private final Shipping shipping;
    private final Receiving receiving;
    private final Sales sales;
    private final Units units;
    private final EpcisStore store;

    CustodyBridge(Shipments shipments, Shipping shipping, Receiving receiving, Sales sales, Units units,
                  EpcisStore store) {
        this.shipments = shipments;
        this.shipping = shipping;
        this.receiving = receiving;
        this.sales = sales;
        this.units = units;
        this.store = store;
    }

    /** Our party codes an event names (sources, destinations, business location, read point). */
    public static Set<String> partiesOf(JsonNode event) {
        var parties = new LinkedHashSet<String>();
        for (String list : List.of("sourceList", "destinationList")) {
            String key = list.equals("sourceList") ? "source" : "destination";
            for (JsonNode entry : event.path(list)) {
                partyCode(entry.path(key).asString("")).ifPresent(parties::add);
            }
        }
        partyCode(event.path("bizLocation").path("id").asString("")).ifPresent(parties::add);
        partyCode(event.path("readPoint").path("id").asString("")).ifPresent(parties::add);
        return parties;
    }

    private static Optional<String> partyCode(String id) {
        for (String prefix : List.of(PartyView.URN_PREFIX, LOCATION_PREFIX)) {
            if (id.startsWith(prefix) && id.length() > prefix.length()) {
                return Optional.of(id.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /**
     * Applies one event (its index {@code i} in the document names it in errors).
     *
     * @return the lifecycle event custody recorded, empty when custody did not change
     * @throws IllegalArgumentException naming the field, when custody refuses the event
     */
    public Optional<LifecycleEventId> apply(int i, JsonNode event, String hash) {
        String step = Cbv.shortName(event.path("bizStep").asString(null));
        if (step == null || !Set.of("shipping", "receiving", "retail_selling").contains(step)
                || "DELETE".equals(event.path("action").asString(""))) {
            return Optional.empty();
        }
        var epcs = new ArrayList<String>();
        event.path("epcList").forEach(e -> epcs.add(Epcs.canonical(e.asString(""))));
        if (event.has("parentID")) {
            epcs.add(Epcs.canonical(event.get("parentID").asString("")));
        }
        event.path("childEPCs").forEach(e -> epcs.add(Epcs.canonical(e.asString(""))));
        var serials = ourUnits(epcs);
        if (serials.isEmpty()) {
            return Optional.empty();
        }
        String at = "eventList[" + i + "]";
        var txs = new LinkedHashMap<String, String>();
        for (JsonNode bt : event.path("bizTransactionList")) {
            String type = Cbv.shortName(bt.path("type").asString("other"));
            txs.putIfAbsent(type == null ? "other" : type, businessId(bt.path("bizTransaction").asString("")));
        }
        String location = partyCode(event.path("bizLocation").path("id").asString("")).orElse(null);
        String from = party(event, "sourceList", "source");
        String to = party(event, "destinationList", "destination");
        switch (step) {
            case "shipping" -> {
                from = from != null ? from : location;
                if (from == null) {
                    throw new IllegalArgumentException(at + ".sourceList: name the sending party as "
                            + PartyView.URN_PREFIX + "<code> (owning_party or possessing_party)");
                }
                if (to == null) {
                    throw new IllegalArgumentException(at + ".destinationList: name the receiving party as "
                            + PartyView.URN_PREFIX + "<code> (owning_party or possessing_party)");
                }
                String number = txs.remove("desadv");
                if (number == null) {
                    number = "EPCIS-" + hash.substring("ni:///sha-256;".length(), "ni:///sha-256;".length() + 16);
                }
                shipping.ship(new NewShipment(number, from, to, List.copyOf(serials), List.of(), txs,
                        eventTime(event)));
            }
            case "receiving" -> {
                var shipment = shipmentFor(at, txs.get("desadv"), serials);
                receiving.receive(shipment.id(), List.copyOf(serials));
            }
            default -> {
                String party = location != null ? location : from;
                if (party == null) {
                    throw new IllegalArgumentException(at + ".bizLocation: name the selling party's location as "
                            + LOCATION_PREFIX + "<code>");
                }
                sales.sell(party, List.copyOf(serials), txs.get("inv"));
            }
        }
        var history = units.history(new SerialNumber(serials.iterator().next()));
        return history.isEmpty() ? Optional.empty() : Optional.of(history.getLast().id());
    }

    /**
     * The number inside a business transaction URI: ours ({@code urn:serial-registry:bt:desadv:SH-1}, as the
     * custody report writes it) or CBV's ({@code urn:epcglobal:cbv:bt:<GLN>:<number>}); any other URI as sent.
     */
    static String businessId(String uri) {
        String v = uri.trim();
        if (v.startsWith("urn:serial-registry:bt:")) {
            String rest = v.substring("urn:serial-registry:bt:".length());
            return rest.indexOf(':') > 0 ? rest.substring(rest.indexOf(':') + 1) : rest;
        }
        return v.startsWith("urn:epcglobal:cbv:bt:") ? v.substring(v.lastIndexOf(':') + 1) : v;
    }

    private ShipmentView shipmentFor(String at, @Nullable String desadv, Set<String> serials) {
        if (desadv != null) {
            return shipments.findByNumber(desadv).orElseThrow(() -> new IllegalArgumentException(at
                    + ".bizTransactionList: no shipment with despatch advice (desadv) " + desadv));
        }
        String first = serials.iterator().next();
        var shipped = units.history(new SerialNumber(first)).reversed().stream()
                .filter(e -> e.bizStep() == BusinessStep.SHIPPING).findFirst()
                .map(e -> e.bizTransactions().get("desadv"))
                .flatMap(shipments::findByNumber)
                .filter(s -> s.status() == ShipmentStatus.IN_TRANSIT);
        return shipped.orElseThrow(() -> new IllegalArgumentException(at + ".epcList: unit " + first
                + " is not in transit; name its shipment in bizTransactionList (type desadv)"));
    }

    private static @Nullable String party(JsonNode event, String list, String key) {
        String possessing = null;
        for (JsonNode entry : event.path(list)) {
            String type = Cbv.shortName(entry.path("type").asString(""));
            var code = partyCode(entry.path(key).asString(""));
            if (code.isPresent() && PARTY_TYPES.contains(type)) {
                if ("owning_party".equals(type)) {
                    return code.get();
                }
                possessing = code.get();
            }
        }
        return possessing;
    }

    private static @Nullable Instant eventTime(JsonNode event) {
        return OffsetDateTime.parse(event.path("eventTime").asString()).toInstant();
    }

    /** The serials of our units among the EPCs, with everything packed in them. */
    Set<String> ourUnits(List<String> canonicalEpcs) {
        var serials = new LinkedHashSet<String>();
        var seen = new LinkedHashSet<String>();
        var todo = new ArrayList<>(canonicalEpcs);
        while (!todo.isEmpty()) {
            String epc = todo.removeLast();
            if (!seen.add(epc)) {
                continue;
            }
            todo.addAll(store.childrenOf(epc));
            Epcs.parse(epc).filter(k -> k.serial() != null && isOurs(k)).ifPresent(k -> serials.add(k.serial()));
        }
        return serials;
    }

    private boolean isOurs(Epcs.Key key) {
        if (!key.serial().matches("[A-Z0-9]{1,20}")) {
            return false;
        }
        return units.find(new SerialNumber(key.serial())).filter(u -> u.gtin().value().equals(key.gtin())).isPresent();
    }
}
