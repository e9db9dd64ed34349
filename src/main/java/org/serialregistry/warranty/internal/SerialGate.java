package org.serialregistry.warranty.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.CodeCheck;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.shared.UnitCode;
import org.serialregistry.warranty.SuspectSerialPresented;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Only genuine, issued serials of the named product pass. Anything else is refused with a plain
 * message, and the attempt is kept as a counterfeit signal in a transaction of its own, so it
 * stays recorded although the claim or registration that carried it is not written.
 */
@Component
public class SerialGate {

    private final Units units;
    private final SuspectPresentationStore suspects;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    SerialGate(Units units, SuspectPresentationStore suspects, ApplicationEventPublisher events,
               PlatformTransactionManager tx, Clock clock) {
        this.units = units;
        this.suspects = suspects;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Parses the GTIN and serial fields, with messages naming them. */
    public static Gtin gtin(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("gtin: the product's 14-digit GTIN is required");
        }
        return Gtin.of(text.strip());
    }

    public static String serialText(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("serial: the serial number is required");
        }
        // a scanned Digital Link or GS1 code in the serial field names its serial; anything else is
        // kept as typed (in uppercase) so that the gate can refuse it and record the attempt
        return UnitCode.tryParse(text).map(c -> c.serial().value()).orElse(text.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * @param context CLAIM or REGISTRATION, for the signal
     * @throws IllegalArgumentException "serial: ..." for forged, malformed, unknown or other-product serials
     */
    public UnitRecord admit(Gtin gtin, String serial, String context) {
        CodeCheck check;
        try {
            check = units.checkCode(gtin, serial);
        } catch (RuntimeException e) {
            check = new CodeCheck.Malformed(e.getMessage() == null ? "unreadable" : e.getMessage());
        }
        if (!check.genuine()) {
            signal(gtin.value(), serial, check instanceof CodeCheck.Malformed ? "MALFORMED" : "FORGED", context);
            throw new IllegalArgumentException("serial: " + serial + " is not a genuine serial of GTIN " + gtin.value()
                    + "; it was refused and reported as a suspect code");
        }
        var unit = units.find(new SerialNumber(serial));
        if (unit.isEmpty()) {
            signal(gtin.value(), serial, "NOT_ISSUED", context);
            throw new IllegalArgumentException("serial: " + serial + " was never issued by this registry; it was "
                    + "refused and reported as a suspect code");
        }
        if (!unit.get().gtin().equals(gtin)) {
            signal(gtin.value(), serial, "MISMATCH", context);
            throw new IllegalArgumentException("serial: " + serial + " belongs to another product, not GTIN "
                    + gtin.value() + "; it was refused and reported as a suspect code");
        }
        return unit.get();
    }

    private void signal(String gtin, String serial, String reason, String context) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String who = auth == null ? "anonymous" : auth.getName();
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String s = serial.length() > 64 ? serial.substring(0, 64) : serial;
        ownTransaction.executeWithoutResult(status -> {
            suspects.insert(gtin, s, reason, context, who, at);
            events.publishEvent(new SuspectSerialPresented(gtin, s, reason, context, who, at));
        });
    }
}
