package org.serialregistry.custody;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.custody.internal.CustodyStore.LineRow;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading shipments: one by id or number, the incoming ones of a party, recent ones, their lines and
 * receipt lines. A caller bound to a party sees only shipments from or to it. Changing custody is
 * {@link Shipping}'s, {@link Receiving}'s and {@link Sales}'s.
 */
@Service
public class Shipments {

    static final String LOCATION_PREFIX = "urn:serial-registry:location:";

    private final CustodyStore store;
    private final Parties parties;
    private final CustodyRules rules;

    Shipments(CustodyStore store, Parties parties, CustodyRules rules) {
        this.store = store;
        this.parties = parties;
        this.rules = rules;
    }

    /** The location URN of a party's premises, as custody events name it. */
    public static String locationOf(String partyCode) {
        return LOCATION_PREFIX + partyCode;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public Optional<ShipmentView> find(ShipmentId id) {
        var s = store.shipment(id.value());
        s.ifPresent(rules::requireVisible);
        return s;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public Optional<ShipmentView> findByNumber(String number) {
        var s = store.shipmentByNumber(number == null ? "" : number.trim());
        s.ifPresent(rules::requireVisible);
        return s;
    }

    /** Shipments addressed to a party and not yet received, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<ShipmentView> incoming(String partyCode) {
        rules.requireActingFor("party", partyCode);
        return store.shipments(null, partyCode, ShipmentStatus.IN_TRANSIT, 500);
    }

    /** Recent shipments from or to a party (null: all parties), newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<ShipmentView> recent(@Nullable String partyCode, int limit) {
        if (partyCode != null) {
            rules.requireActingFor("party", partyCode);
        } else if (parties.partyBoundCaller()) {
            partyCode = parties.actingParty().orElse("-");
        }
        return store.shipments(partyCode, null, null, limit);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<String> serialsOf(ShipmentId shipmentId) {
        rules.requireVisible(rules.requireShipment(shipmentId));
        return store.lines(shipmentId.value()).stream().map(LineRow::serial).toList();
    }

    /** The stored receipt lines of a received shipment (empty while in transit). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','PRODUCTION','DISTRIBUTOR','SERVICE_CENTER')")
    public List<ReceiptLine> receiptLines(ShipmentId shipmentId) {
        rules.requireVisible(rules.requireShipment(shipmentId));
        return store.receiptLines(shipmentId.value());
    }
}
