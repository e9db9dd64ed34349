package org.serialregistry.epcis.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;

import org.serialregistry.custody.CustodyTransferred;
import org.serialregistry.serial.LifecycleEventView;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry's own custody steps (shipments, receipts and sales made in the portal or through the REST
 * API) become EPCIS ObjectEvents of the query interface, so that partners query ours as well as theirs.
 * Steps that came from a capture are there already and are skipped. EPCs are GS1 Digital Links on GS1's
 * canonical host; parties and places keep the registry's URNs, as the custody report writes them.
 */
@Component
class OwnCustodyEvents {

    private final EpcisStore store;
    private final Units units;
    private final JsonMapper json;

    OwnCustodyEvents(EpcisStore store, Units units, JsonMapper json) {
        this.store = store;
        this.units = units;
        this.json = json;
    }

    @ApplicationModuleListener
    void on(CustodyTransferred transfer) {
        if (transfer.serials().isEmpty() || store.hasLifecycleEvent(transfer.lifecycleEventId().value())) {
            return;
        }
        var view = units.history(new SerialNumber(transfer.serials().getFirst())).stream()
                .filter(e -> e.id().equals(transfer.lifecycleEventId())).findFirst();
        if (view.isEmpty()) {
            return;
        }
        var event = event(view.get(), transfer.serials());
        String hash = EventHash.of(event);
        var recordTime = OffsetDateTime.ofInstant(view.get().recordedAt(), ZoneOffset.UTC);
        long id = store.insertEvent(new EpcisStore.NewEvent(null, transfer.lifecycleEventId().value(), hash,
                event.get("eventID").asString(), "ObjectEvent", "OBSERVE",
                OffsetDateTime.ofInstant(view.get().eventTime(), ZoneOffset.UTC), recordTime,
                Cbv.shortName(event.path("bizStep").asString(null)), Cbv.shortName(event.path("disposition").asString(null)),
                view.get().bizLocation(), view.get().readPoint(), null, json.writeValueAsString(event)));
        var epcs = new LinkedHashSet<String>();
        event.get("epcList").forEach(e -> epcs.add(e.asString()));
        store.insertEpcs(id, "epc", epcs);
        store.insertParties(id, CustodyBridge.partiesOf(event));
    }

    private ObjectNode event(LifecycleEventView v, List<String> serials) {
        var e = json.createObjectNode();
        e.put("type", "ObjectEvent");
        e.put("eventID", "urn:uuid:" + v.eventId());
        e.put("action", "OBSERVE");
        e.put("eventTime", v.eventTime().toString());
        e.put("eventTimeZoneOffset", "+00:00");
        var epcList = e.putArray("epcList");
        for (String s : serials) {
            String gtin = v.gtin() != null ? v.gtin()
                    : units.find(new SerialNumber(s)).map(u -> u.gtin().value()).orElse(null);
            if (gtin != null) {
                epcList.add(Epcs.CANONICAL_HOST + "/01/" + gtin + "/21/" + s);
            }
        }
        e.put("bizStep", v.bizStep().cbv());
        if (v.disposition() != null) {
            e.put("disposition", v.disposition().cbv());
        }
        if (v.readPoint() != null) {
            e.putObject("readPoint").put("id", v.readPoint());
        }
        if (v.bizLocation() != null) {
            e.putObject("bizLocation").put("id", v.bizLocation());
        }
        if (!v.bizTransactions().isEmpty()) {
            var list = e.putArray("bizTransactionList");
            v.bizTransactions().forEach((type, number) -> list.addObject().put("type", type)
                    .put("bizTransaction", "urn:serial-registry:bt:" + type + ":" + number));
        }
        if (v.sourceParty() != null) {
            e.putArray("sourceList").addObject().put("type", "owning_party").put("source", v.sourceParty());
        }
        if (v.destinationParty() != null) {
            e.putArray("destinationList").addObject().put("type", "owning_party").put("destination", v.destinationParty());
        }
        return e;
    }
}
