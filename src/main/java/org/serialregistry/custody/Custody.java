package org.serialregistry.custody;

import org.serialregistry.shared.UnitCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.internal.CustodyReplay;
import org.serialregistry.custody.internal.CustodyStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chain of custody as channel managers and reports read it: who holds a unit, its custody
 * timeline, diversion alerts, refused transfers, volumes per party and market, and a stream of
 * custody events for exports. The projection behind it is derived from serial's lifecycle log and
 * can be rebuilt from it ({@link #rebuild}).
 */
@Service
public class Custody {

    private final CustodyStore store;
    private final Parties parties;
    private final Units units;
    private final CustodyReplay replay;
    private final CurrentUser currentUser;

    /**
     * Roles that read every unit's chain: administrators and channel managers run the channel;
     * forensic reviewers and warranty adjudicators investigate a unit wherever it went. Everyone
     * else reads only the chain of its own party.
     */
    private static final Set<Role> WHOLE_VIEW = EnumSet.of(Role.ADMIN, Role.CHANNEL, Role.FORENSICS, Role.WARRANTY);

    Custody(CustodyStore store, Parties parties, Units units, CustodyReplay replay, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.store = store;
        this.parties = parties;
        this.units = units;
        this.replay = replay;
    }

    /**
     * Who holds the unit now; empty for a serial never issued. A partner (distributor, service centre)
     * gets it only for a unit its party holds or held (empty otherwise), and sees the holder, the
     * shipment and the last legitimate holder only where they are its own party.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS','WARRANTY','SERVICE_CENTER','DISTRIBUTOR')")
    public Optional<UnitCustody> holderOf(String serial) {
        var scope = partnerParty();
        if (scope.isPresent()) {
            String mine = scope.get();
            if (mine.isEmpty() || !store.involves(mine, serial)) {
                return Optional.empty();
            }
            return wholeHolderOf(serial).map(c -> {
                boolean ours = mine.equals(c.holder()) || mine.equals(c.inTransitTo());
                return new UnitCustody(c.serial(), c.gtin(), c.lot(), c.intendedMarket(), ours ? c.holder() : null,
                        c.state(), ours ? c.inTransitTo() : null, ours ? c.shipmentNumber() : null,
                        mine.equals(c.lastLegitimateHolder()) ? mine : null, c.moved());
            });
        }
        return wholeHolderOf(serial);
    }

    /**
     * For a returns desk: the party a unit should come back from, that is its holder (the party that
     * sold it, for a sold unit) or, while it is in transit, the party it was shipped to. Not scoped to
     * the caller's party: the desk checks units it never held, and learns only this one party code.
     * Empty for a serial never issued.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','SERVICE_CENTER','QUALITY')")
    public Optional<String> expectedReturnParty(String serial) {
        return wholeHolderOf(serial).map(c -> c.state() == CustodyState.IN_TRANSIT && c.inTransitTo() != null
                ? c.inTransitTo() : c.holder());
    }

    /**
     * Where many units are, for a recall: the party holding each unit that has moved and is not sold
     * (in transit: the party it goes to). Units never moved and units sold to end customers are absent.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','QUALITY','CHANNEL')")
    public Map<String, String> holdersOf(java.util.Collection<String> serials) {
        var result = new java.util.HashMap<String, String>();
        store.custodyOf(serials).forEach((serial, row) -> {
            if (row.state() == CustodyState.HELD && row.holder() != null) {
                result.put(serial, row.holder());
            } else if (row.state() == CustodyState.IN_TRANSIT && row.inTransitTo() != null) {
                result.put(serial, row.inTransitTo());
            }
        });
        return result;
    }

    /** Empty for callers who read every chain; else the party the caller acts for ("" when none). */
    private Optional<String> partnerParty() {
        if (!Collections.disjoint(currentUser.roles(), WHOLE_VIEW)) {
            return Optional.empty();
        }
        return Optional.of(parties.actingParty().orElse(""));
    }

    private Optional<UnitCustody> wholeHolderOf(String serial) {
        var unit = units.find(new SerialNumber(serial));
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        var u = unit.get();
        var row = store.custody(serial);
        if (row.isPresent()) {
            var r = row.get();
            var sold = u.status() == UnitStatus.SUPPLIED ? CustodyState.SOLD : r.state();
            String number = r.shipmentId() == null ? null : store.shipment(r.shipmentId()).map(ShipmentView::shipmentNumber).orElse(null);
            return Optional.of(new UnitCustody(serial, r.gtin(), r.lot(), r.intendedMarket(), r.holder(), sold,
                    r.inTransitTo(), number, r.legitHolder(), true));
        }
        String mfg = parties.manufacturerOf(u.facilityCode()).map(PartyView::code).orElse(null);
        return Optional.of(new UnitCustody(serial, u.gtin().value(), u.lot().value(), u.intendedMarket().value(), mfg,
                u.status() == UnitStatus.SUPPLIED ? CustodyState.SOLD : CustodyState.HELD, null, null, mfg, false));
    }

    /**
     * Serials a party holds in stock (received, not shipped on or sold), in serial order. Units that
     * never left their manufacturing site are not listed, nor stolen, destroyed or archived ones.
     * Distributors see only their own stock.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','DISTRIBUTOR','SERVICE_CENTER')")
    public List<String> heldBy(String party, int limit) {
        var p = parties.require("holder", party);
        if (parties.partyBoundCaller() && !p.code().equals(parties.actingParty().orElse(null))) {
            throw new IllegalArgumentException("holder: you act for " + parties.actingParty().orElse("no party")
                    + ", not for " + p.code());
        }
        var held = store.heldBy(p.code(), limit);
        // stolen, destroyed and archived units are out of stock, whatever custody last recorded
        var statuses = units.statusOf(held);
        return held.stream().filter(s -> statuses.get(s) == null || !statuses.get(s).terminal()).toList();
    }

    /**
     * The custody events of a unit, oldest first. A partner (distributor, service centre) gets only
     * the hand-overs its own party took part in: never another party's shipments and order numbers.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS','WARRANTY','SERVICE_CENTER','DISTRIBUTOR')")
    public List<CustodyMovement> timeline(String serial) {
        var all = store.movementsOf(serial);
        var scope = partnerParty();
        if (scope.isEmpty()) {
            return all;
        }
        String mine = scope.get();
        return all.stream().filter(m -> !mine.isEmpty() && (mine.equals(m.fromParty()) || mine.equals(m.toParty())))
                .toList();
    }


    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL','FORENSICS')")
    public List<CustodyRefusal> refusals(int limit) {
        return store.refusals(limit);
    }

    /** Volumes per party. */
    public record PartyVolume(String party, String name, PartyType type, long received, long passedOn, long diverted) {
    }

    /** Per distributor (and every other party with figures): units received, passed on, diverted. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public List<PartyVolume> volumes() {
        var figures = store.volumesByParty();
        var result = new ArrayList<PartyVolume>();
        for (var p : parties.all()) {
            long[] f = figures.getOrDefault(p.code(), new long[3]);
            if (p.type() == PartyType.DISTRIBUTOR || f[0] + f[1] + f[2] > 0) {
                result.add(new PartyVolume(p.code(), p.name(), p.type(), f[0], f[1], f[2]));
            }
        }
        return result;
    }

    /** Units that moved, by the country of their current holder. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public Map<String, Long> unitsByMarket() {
        return store.heldUnitsByMarket();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public Map<String, Long> alertsByMarket() {
        return store.alertsByMarket();
    }

    /** Custody events matching a serial, lot, shipment or party (newest first, at most {@code limit}). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public List<CustodyMovement> search(@Nullable String serial, @Nullable String lot, @Nullable String shipmentNumber,
                                        @Nullable String party, int limit) {
        if (serial != null && !serial.isBlank()) {
            return store.movementsOf(UnitCode.tryParse(serial).map(c -> c.serial().value())
                    .orElse(serial.trim().toUpperCase(java.util.Locale.ROOT))).reversed();
        }
        return store.searchMovements(new CustodyFilter(null, blank(lot), blank(party), null, null), blank(shipmentNumber),
                limit);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public long countMovements(CustodyFilter filter) {
        return store.countMovements(filter);
    }

    /**
     * Streams every custody event matching the filter, one row per unit, in event order, in
     * constant memory (a forward-only cursor). For exports of any size.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public void streamMovements(CustodyFilter filter, Consumer<CustodyMovement> sink) {
        store.streamMovements(filter, sink);
    }

    /**
     * Rebuilds the custody projection of one unit from its lifecycle events (holder, state, last
     * legitimate holder and movements); the projection is a cache of the event log, never the truth.
     *
     * @return the custody after the rebuild
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','CHANNEL')")
    public Optional<UnitCustody> rebuild(String serial) {
        replay.rebuild(serial);
        return wholeHolderOf(serial);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
