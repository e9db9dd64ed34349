package org.serialregistry.warranty.internal;

import java.time.Duration;

import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.LifecycleEventRecorded;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.KnownSerials;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.WarrantyCoverage;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * What the public page's warranty line may know without the database: which units certainly have no ownership
 * registration, no retail sale and were given as no claim's replacement ({@link KnownSerials}). Most units of a
 * large registry have none of these, and each was a query of every verification that missed the warranty cache.
 * Registrations are followed by id every 2 s, retail sales by lifecycle event id, replacements (set in place on a
 * claim) reloaded every 10 s; this instance's own changes count at once (registrations through
 * {@link PublicWarrantyLookup#forget}, sales and replacements from their lifecycle events). Only the public page
 * uses this; adjudication reads the database every time ({@link WarrantyCoverage.Facts#ANY}).
 */
@Component
public class PublicCoverageFacts implements WarrantyCoverage.Facts {

    private final KnownSerials registered;
    private final KnownSerials sold;
    private final KnownSerials replacements;
    private final TaskScheduler scheduler;

    PublicCoverageFacts(RegistrationStore registrations, ClaimStore claims, Units units,
                        @org.springframework.beans.factory.annotation.Qualifier("taskScheduler") TaskScheduler scheduler) {
        this.registered = KnownSerials.appendOnly("Registered units", registrations::after, 1_000_000);
        this.sold = KnownSerials.appendOnly("Units sold at retail",
                (after, limit) -> units.namedByStepAfter(BusinessStep.RETAIL_SELLING, after, limit), 1_000_000);
        this.replacements = KnownSerials.reloading("Replacement units", claims::replacementsAfter, 10_000);
        this.scheduler = scheduler;
    }

    /** Filled once the demo data (if any) is in. */
    @EventListener(ApplicationReadyEvent.class)
    void fill() {
        registered.start(scheduler, Duration.ofSeconds(2));
        sold.start(scheduler, Duration.ofSeconds(2));
        replacements.start(scheduler, Duration.ofSeconds(10));
    }

    /** A sale or a replacement this instance records (in the recording thread, before its commit). */
    @EventListener
    void on(LifecycleEventRecorded event) {
        if (event.bizStep() == BusinessStep.RETAIL_SELLING) {
            event.serials().forEach(s -> sold.add(s.value()));
        } else if (event.bizStep() == BusinessStep.REPLACING) {
            event.serials().forEach(s -> replacements.add(s.value()));
        }
    }

    /** A registration of this serial changed here. */
    void registered(String serial) {
        registered.add(serial);
    }

    @Override
    public boolean mayBeRegistered(SerialNumber serial) {
        return registered.mightContain(serial.value());
    }

    @Override
    public boolean mayBeSold(SerialNumber serial) {
        return sold.mightContain(serial.value());
    }

    @Override
    public boolean mayBeReplacement(SerialNumber serial) {
        return replacements.mightContain(serial.value());
    }
}
