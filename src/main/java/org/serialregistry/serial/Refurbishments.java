package org.serialregistry.serial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.serial.internal.RefurbishmentStore;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.serialregistry.shared.KnownSerials;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refurbishment: a unit that is refurbished gets a new serial (issued like any other, in a lot
 * {@code RF<yymmdd>} of the original's product, facility, line and market, with its own label);
 * the two are linked both ways, and the original is decommissioned (status DECOMMISSIONED, a
 * terminal state: a later scan of its code is suspect). The new unit's history starts with a
 * TransformationEvent naming the original.
 */
@Service
public class Refurbishments {

    private static final DateTimeFormatter LOT_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final SerialIssuance issuance;
    private final Units units;
    private final RefurbishmentStore store;
    private final AuditTrail audit;
    private final Clock clock;
    // the public page asks for every genuine scan: answers, including "not refurbished", stay in memory a while
    private final Cache<String, Optional<Refurbishment>> origins = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    /** Which units were made by refurbishment: most are not, and the public page need not ask the database then. */
    private final KnownSerials refurbished;
    private final TaskScheduler scheduler;

    Refurbishments(SerialIssuance issuance, Units units, RefurbishmentStore store, AuditTrail audit, Clock clock,
                   @org.springframework.beans.factory.annotation.Qualifier("taskScheduler") TaskScheduler scheduler) {
        this.refurbished = KnownSerials.reloading("Refurbished units",
                (after, limit) -> after > 0 ? List.of() : store.newSerials(), 10_000);
        this.scheduler = scheduler;
        this.issuance = issuance;
        this.units = units;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Fills the set of refurbished units once the demo data (if any) is in, and reloads it every 10 s. */
    @EventListener(ApplicationReadyEvent.class)
    void knowRefurbishedUnits() {
        refurbished.start(scheduler, Duration.ofSeconds(10));
    }

    /**
     * Issues the refurbished unit's serial, links it to the original and decommissions the original,
     * all in one transaction.
     *
     * @param rmaNumber the return the original came back under (recorded on both events), or null
     * @throws IllegalArgumentException naming the problem (unknown serial, already refurbished, inactive unit)
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','QUALITY','ADMIN')")
    public Refurbishment refurbish(SerialNumber original, @Nullable String rmaNumber, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say what was refurbished");
        }
        var unit = units.find(original).orElseThrow(() ->
                new IllegalArgumentException("serial: " + original.value() + " was never issued by this registry"));
        var earlier = store.ofOriginal(original.value());
        if (earlier.isPresent()) {
            throw new IllegalArgumentException("serial: " + original.value() + " was already refurbished into "
                    + earlier.get().newSerial());
        }
        if (unit.status().terminal()) {
            throw new IllegalArgumentException("serial: " + original.value() + " is " + unit.status().label().toLowerCase()
                    + " and cannot be refurbished");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        var batch = issuance.submit(new IssueBatchRequest(unit.gtin().value(), "RF" + today.format(LOT_DAY),
                unit.facilityCode(), unit.lineCode(), 1, today, unit.expiryDate(), unit.intendedMarket().value(), null),
                null, true).batch();
        var fresh = issuance.serials(batch.id(), 0, 1).getFirst();
        String by = actor();
        store.insert(new RefurbishmentStore.Link(fresh.value(), original.value(), now.atOffset(ZoneOffset.UTC), by, rmaNumber));
        Map<String, String> txs = rmaNumber == null ? Map.of() : Map.of("rma", rmaNumber);
        units.record(new NewLifecycleEvent(List.of(original), EpcisEventType.OBJECT_EVENT, BusinessStep.DECOMMISSIONING,
                Disposition.INACTIVE, null, null, null, null, null, txs, UnitStatus.DECOMMISSIONED,
                "refurbished into " + fresh.value() + ": " + reason.strip()));
        units.record(new NewLifecycleEvent(List.of(fresh), EpcisEventType.TRANSFORMATION_EVENT, BusinessStep.REPAIRING,
                Disposition.SELLABLE_ACCESSIBLE, null, null, null, null, null, txs, null,
                "refurbished from " + original.value() + " (made " + unit.productionDate() + "): " + reason.strip()));
        audit.record("unit.refurbished", "unit", original.value(), AuditTrail.state("status", unit.status().name()),
                AuditTrail.state("status", UnitStatus.DECOMMISSIONED.name(), "newSerial", fresh.value(), "rma", rmaNumber,
                        "reason", reason.strip()));
        refurbished.add(fresh.value());
        origins.invalidate(fresh.value());
        return new Refurbishment(fresh, original, now, by, unit.productionDate(), rmaNumber);
    }

    /** The original a refurbished unit was made from (empty for any other unit); cached for the public page. */
    public Optional<Refurbishment> originOf(SerialNumber newSerial) {
        if (!refurbished.mightContain(newSerial.value())) {
            return Optional.empty(); // certainly not refurbished (another replica's refurbishment: seen within 10 s)
        }
        return origins.get(newSerial.value(), s -> store.ofNew(s).map(this::toRefurbishment));
    }

    /** The refurbished unit made from this original, if any. */
    @Transactional(readOnly = true)
    public Optional<Refurbishment> successorOf(SerialNumber original) {
        return store.ofOriginal(original.value()).map(this::toRefurbishment);
    }

    private Refurbishment toRefurbishment(RefurbishmentStore.Link l) {
        var made = units.lookup(new SerialNumber(l.originalSerial())).map(UnitRecord::productionDate).orElseThrow();
        return new Refurbishment(new SerialNumber(l.newSerial()), new SerialNumber(l.originalSerial()), l.refurbishedAt().toInstant(),
                l.refurbishedBy(), made, l.rmaNumber());
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
