package org.serialregistry.returns;

import java.util.List;
import java.util.Optional;

import org.serialregistry.custody.Parties;
import org.serialregistry.returns.internal.ReturnStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.security.Role;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading returns: one by its RMA number, the newest, one line, and "what do I do with this unit?".
 * Partners (distributors, service centres) read only the returns their party sent or received.
 */
@Service
public class ReturnQueries {

    private final ReturnStore store;
    private final Parties parties;
    private final CurrentUser currentUser;
    private final Units units;

    ReturnQueries(ReturnStore store, Parties parties, CurrentUser currentUser, Units units) {
        this.store = store;
        this.parties = parties;
        this.currentUser = currentUser;
        this.units = units;
    }

    /** A return with its lines; empty if unknown or, for a partner, not its party's. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','DISTRIBUTOR','ADMIN')")
    public Optional<ReturnView> find(String rmaNumber) {
        return store.findReturn(rmaNumber).filter(this::visible).map(this::view);
    }

    /** The newest returns the caller may read, with their lines. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','DISTRIBUTOR','ADMIN')")
    public List<ReturnView> latest(int limit) {
        var scope = scope();
        if (scope.isPresent() && scope.get().isEmpty()) {
            return List.of();
        }
        return store.latestReturns(scope.orElse(null), limit).stream().map(this::view).toList();
    }

    /** "What do I do with this unit?": the disposition of its latest return and why. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','DISTRIBUTOR','ADMIN')")
    public Optional<DispositionAnswer> dispositionOf(String serialText) {
        var code = ReturnsDesk.read(serialText);
        if (code.serial() == null) {
            throw new IllegalArgumentException("serial: " + code.problem());
        }
        return store.latestLineOf(code.serial().value()).filter(l -> visible(store.returnOf(l)))
                .map(l -> new DispositionAnswer(l.serial(), l.rmaNumber(), l.disposition(), l.dispositionWhy(),
                        l.quarantined(), l.refundable(), l.overridden(), l.completedAt() != null, l.resultSerial()));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','DISTRIBUTOR','ADMIN')")
    public Optional<ReturnLineView> line(long lineId) {
        return store.line(lineId).filter(l -> visible(store.returnOf(l)));
    }

    ReturnView view(ReturnStore.ReturnRow r) {
        return new ReturnView(r.id(), r.rmaNumber(), r.fromParty(), r.receivedBy(), r.channel(), r.createdBy(),
                r.createdAt().toInstant(), store.lines(r.id()));
    }

    /** Empty: the caller reads every return; else the party whose returns it reads ("" for none). */
    private Optional<String> scope() {
        var roles = currentUser.roles();
        if (roles.contains(Role.ADMIN) || !(roles.contains(Role.SERVICE_CENTER) || roles.contains(Role.DISTRIBUTOR))) {
            return Optional.empty();
        }
        return Optional.of(parties.actingParty().orElse(""));
    }

    private boolean visible(ReturnStore.ReturnRow r) {
        var scope = scope();
        return scope.isEmpty() || scope.get().equals(r.fromParty()) || scope.get().equals(r.receivedBy());
    }

    /** The unit of a line, for views that show its record. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','DISTRIBUTOR','ADMIN')")
    public Optional<UnitRecord> unitOf(ReturnLineView line) {
        return units.find(new SerialNumber(line.serial()));
    }

}
