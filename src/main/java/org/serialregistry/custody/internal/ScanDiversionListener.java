package org.serialregistry.custody.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.serialregistry.custody.DiversionAlert;
import org.serialregistry.custody.PartyView;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.ScanOutcome;
import org.serialregistry.verification.ScansRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/**
 * A genuine unit verified in a country outside its permitted markets is a diversion too: the alert
 * names the last legitimate holder from the custody chain (the manufacturing site if it never moved).
 * One open alert per unit and country: rescans add nothing.
 */
@Component
class ScanDiversionListener {

    private final Units units;
    private final CustodyStore store;
    private final PartyStore parties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScanDiversionListener(Units units, CustodyStore store, PartyStore parties, ApplicationEventPublisher events,
                          Clock clock) {
        this.units = units;
        this.store = store;
        this.parties = parties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Runs on its own thread after the scan writer's flush. Not an {@code @ApplicationModuleListener}:
     * scan batches are large and frequent, and persisting each one in the event publication
     * registry would cost more than the scans themselves; a missed batch only delays an alert
     * that the next scan of the unit raises again.
     */
    @Async
    @EventListener
    @Transactional
    void on(ScansRecorded scans) {
        var extra = parties.extraMarkets();
        var alerts = new ArrayList<DiversionAlert>();
        var seen = new java.util.HashSet<String>();
        for (var scan : scans.scans()) {
            if (scan.country() == null || scan.outcome() != ScanOutcome.GENUINE
                    && scan.outcome() != ScanOutcome.GENUINE_WITH_WARNING) {
                continue;
            }
            SerialNumber serial;
            try {
                serial = new SerialNumber(scan.serial());
            } catch (IllegalArgumentException notASerial) {
                continue;
            }
            var unit = units.lookup(serial); // one query per scanned unit; its components are not needed
            if (unit.isEmpty()) {
                continue;
            }
            var u = unit.get();
            var market = scan.country();
            if (market.equals(u.intendedMarket()) || extra.getOrDefault(u.gtin().value(), Set.of()).contains(market)) {
                continue;
            }
            if (!seen.add(serial.value() + market.value()) || store.scanAlertExists(serial.value(), market.value())) {
                continue;
            }
            var custody = store.custody(serial.value());
            String holder = custody.map(CustodyStore.CustodyRow::legitHolder).orElseGet(() ->
                    parties.manufacturerOf(u.facilityCode()).map(PartyView::code).orElse(u.facilityCode()));
            alerts.add(DiversionAlert.open(Instant.now(clock).truncatedTo(ChronoUnit.MICROS), "SCAN", serial.value(),
                    u.gtin().value(), u.lot().value(), u.intendedMarket().value(), market.value(), null, holder, null,
                    null, "verified in " + market.value() + ", outside the unit's intended market "
                    + u.intendedMarket().value()));
        }
        if (alerts.isEmpty()) {
            return;
        }
        store.insertAlerts(alerts);
    }
}
