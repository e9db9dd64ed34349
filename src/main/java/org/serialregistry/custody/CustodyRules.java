package org.serialregistry.custody;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.custody.internal.CustodyStore.CustodyRow;
import org.serialregistry.custody.internal.RefusalRecorder;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The rules every custody use case shares: who a caller may act for, which shipments a caller may
 * see, and the one answer to "does this party hold this unit?" that shipping and selling both ask.
 */
@Component
class CustodyRules {

    static final Pattern REF = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    private final CustodyStore store;
    private final Parties parties;
    private final RefusalRecorder refusals;

    CustodyRules(CustodyStore store, Parties parties, RefusalRecorder refusals) {
        this.store = store;
        this.parties = parties;
        this.refusals = refusals;
    }

    /**
     * Why {@code party} may not pass {@code unit} on (ship or sell it), or null when it holds it. A unit
     * that never moved is held by the manufacturer of its facility.
     *
     * @param makers the manufacturer per facility, filled as facilities are looked up (one map per request)
     */
    @Nullable String whyNotHeld(PartyView party, UnitRecord unit, @Nullable CustodyRow custody,
                                Map<String, Optional<String>> makers) {
        String s = unit.serial().value();
        if (unit.status().terminal()) {
            return "unit " + s + " is " + unit.status().label().toLowerCase() + ": it cannot change hands";
        }
        if (unit.status() == UnitStatus.SUPPLIED || custody != null && custody.state() == CustodyState.SOLD) {
            return "unit " + s + " was sold to an end customer: its chain of custody is closed";
        }
        if (custody != null && custody.state() == CustodyState.IN_TRANSIT) {
            return "unit " + s + " is in transit from " + custody.holder() + " to " + custody.inTransitTo()
                    + " and not yet received";
        }
        String holder = holderOf(unit, custody, makers);
        if (holder == null && party.type() != PartyType.MANUFACTURER_SITE) {
            return "unit " + s + " has not left its manufacturing site " + unit.facilityCode() + ", not held by "
                    + party.code();
        }
        if (holder != null && !holder.equals(party.code())) {
            return "unit " + s + " is held by " + holder + ", not by " + party.code();
        }
        return null;
    }

    /** Units a party wanted to pass on but does not hold, with the first reasons in words. */
    record NotHeld(List<String> serials, List<String> reasons) {

        /** "reason; reason; ...; and N more". */
        String explained() {
            return String.join("; ", reasons) + (serials.size() > reasons.size()
                    ? "; and " + (serials.size() - reasons.size()) + " more" : "");
        }
    }

    /** The units among {@code units} that {@code party} does not hold, or null when it holds them all. */
    @Nullable NotHeld notHeld(PartyView party, List<UnitRecord> units, Map<String, CustodyRow> custody) {
        var refused = new ArrayList<String>();
        var reasons = new ArrayList<String>();
        var makers = new HashMap<String, Optional<String>>();
        for (UnitRecord u : units) {
            String why = whyNotHeld(party, u, custody.get(u.serial().value()), makers);
            if (why != null) {
                refused.add(u.serial().value());
                if (reasons.size() < 5) {
                    reasons.add(why);
                }
            }
        }
        return refused.isEmpty() ? null : new NotHeld(refused, reasons);
    }

    /** Stores the refusal (published as {@link CustodyTransferRefused}, a counterfeit signal) and throws. */
    CustodyRefusedException refuse(@Nullable String shipmentNumber, String from, @Nullable String to, int units,
                                   NotHeld notHeld, String reason) {
        long id = refusals.record(shipmentNumber, from, to, units, notHeld.serials(), reason, actor());
        return new CustodyRefusedException(reason, id);
    }

    /** The party holding a unit: from the projection, or its manufacturing site's maker when it never moved. */
    @Nullable String holderOf(UnitRecord u, @Nullable CustodyRow c, Map<String, Optional<String>> makers) {
        if (c != null) {
            return c.holder();
        }
        return makers.computeIfAbsent(u.facilityCode(), f -> parties.manufacturerOf(f).map(PartyView::code)).orElse(null);
    }

    ShipmentView requireShipment(ShipmentId id) {
        return store.shipment(id.value()).orElseThrow(() -> new NoSuchElementException("No shipment " + id
                + " was ever sent"));
    }

    void requireVisible(ShipmentView s) {
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
    void requireActingFor(String field, String partyCode) {
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

    static Map<String, String> validateReferences(@Nullable Map<String, String> refs) {
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

    /** The first five, and how many more. */
    static String sample(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(5, items.size())))
                + (items.size() > 5 ? " and " + (items.size() - 5) + " more" : "");
    }

    static String clip(String raw) {
        return raw.length() > 200 ? raw.substring(0, 200) : raw;
    }

    static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
