package org.serialregistry.warranty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.shared.Gtin;
import org.serialregistry.warranty.internal.FileStore;
import org.serialregistry.warranty.internal.PublicWarrantyLookup;
import org.serialregistry.warranty.internal.PublicFormLimits;
import org.serialregistry.warranty.internal.RegistrationStore;
import org.serialregistry.warranty.internal.SerialGate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who owns a unit. Only genuine, issued serials register. A unit has one active owner; when a
 * different person registers a registered unit, the new registration is kept as a conflict for
 * review and the owner stays as it was. Resale is a transfer: the warranty keeps its start date.
 */
@Service
public class OwnershipRegistry {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,}");

    private final SerialGate gate;
    private final RegistrationStore store;
    private final FileStore files;
    private final PublicWarrantyLookup publicLookup;
    private final AuditTrail audit;
    private final Clock clock;

    private final PublicFormLimits limits;

    OwnershipRegistry(SerialGate gate, RegistrationStore store, FileStore files, PublicWarrantyLookup publicLookup,
                      AuditTrail audit, Clock clock, PublicFormLimits limits) {
        this.limits = limits;
        this.gate = gate;
        this.store = store;
        this.files = files;
        this.publicLookup = publicLookup;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registration by the service desk (portal) or by API. */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','ADMIN')")
    public RegistrationOutcome register(NewRegistration r, RegistrationChannel channel) {
        if (channel == RegistrationChannel.TRANSFER) {
            throw new IllegalArgumentException("channel: use transfer() for a resale");
        }
        return doRegister(r, channel);
    }

    /** Registration from the public form that the verification page links to (anyone may send it). */
    @Transactional
    @PreAuthorize("permitAll()")
    public RegistrationOutcome registerFromPublicForm(NewRegistration r) {
        return registerFromPublicForm(r, null);
    }

    /**
     * Registration from the public form, sent by the client with this keyed hash (null: unknown). The
     * form keeps at most {@code proofs-per-unit-per-day} registrations with a proof of purchase per unit
     * and {@code proofs-per-client-per-day} per client each UTC day; more are refused at the proof field.
     */
    @Transactional
    @PreAuthorize("permitAll()")
    public RegistrationOutcome registerFromPublicForm(NewRegistration r, @Nullable String clientKey) {
        if (r.proofOfPurchase() != null && r.proofOfPurchase().length > 0) {
            Instant dayStart = LocalDate.now(clock).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            String serial = SerialGate.serialText(r.serial());
            if (store.publicProofsSince(dayStart, serial, null) >= limits.proofsPerUnitPerDay()) {
                throw new IllegalArgumentException("proof: this unit has received " + limits.proofsPerUnitPerDay()
                        + " registrations with a proof of purchase today, the most the public form keeps; "
                        + "please try again tomorrow or contact the service desk");
            }
            if (clientKey != null && store.publicProofsSince(dayStart, null, clientKey) >= limits.proofsPerClientPerDay()) {
                throw new IllegalArgumentException("proof: your network has sent " + limits.proofsPerClientPerDay()
                        + " registrations with a proof of purchase today, the most the public form keeps; "
                        + "please try again tomorrow");
            }
        }
        return doRegister(r, RegistrationChannel.PUBLIC, clientKey);
    }

    private RegistrationOutcome doRegister(NewRegistration r, RegistrationChannel channel) {
        return doRegister(r, channel, null);
    }

    private RegistrationOutcome doRegister(NewRegistration r, RegistrationChannel channel, @Nullable String clientKey) {
        Gtin gtin = SerialGate.gtin(r.gtin());
        String serial = SerialGate.serialText(r.serial());
        LocalDate today = LocalDate.now(clock);
        if (r.purchaseDate() == null) {
            throw new IllegalArgumentException("purchaseDate: the date of purchase is required");
        }
        if (r.purchaseDate().isAfter(today)) {
            throw new IllegalArgumentException("purchaseDate: " + r.purchaseDate() + " is in the future");
        }
        String retailer = text("retailer", r.retailer(), 128);
        String owner = text("ownerName", r.ownerName(), 128);
        String email = email(r.email());
        if (r.proofOfPurchase() != null && r.proofOfPurchase().length > 0) {
            FileStore.checkedType("proofOfPurchase", r.proofOfPurchase());
        }
        var unit = gate.admit(gtin, serial, "REGISTRATION");
        if (unit.status().terminal()) {
            throw new IllegalArgumentException("serial: this unit is reported " + unit.status().label().toLowerCase()
                    + " and cannot be registered");
        }
        if (r.purchaseDate().isBefore(unit.productionDate())) {
            throw new IllegalArgumentException("purchaseDate: " + r.purchaseDate() + " is before the unit was made ("
                    + unit.productionDate() + ")");
        }
        var current = store.active(serial);
        if (current.isPresent() && current.get().email().equalsIgnoreCase(email)) {
            return new RegistrationOutcome(current.get(), false, "This unit is already registered to you since "
                    + current.get().purchaseDate() + ".");
        }
        Instant now = now();
        Long proofId = r.proofOfPurchase() == null || r.proofOfPurchase().length == 0 ? null
                : files.store(null, "proofOfPurchase", r.proofOfPurchase(), r.proofFilename(), actor(), now).id();
        var status = current.isPresent() ? RegistrationStatus.CONFLICT : RegistrationStatus.ACTIVE;
        var saved = store.insert(new RegistrationStore.Draft(serial, gtin.value(), r.purchaseDate(), retailer, owner,
                email, channel, status, current.map(OwnershipView::id).orElse(null), null, null, proofId, actor(), now,
                clientKey));
        audit.record(status == RegistrationStatus.ACTIVE ? "ownership.registered" : "ownership.conflict-flagged",
                "serial", serial, null, AuditTrail.state("registration", saved.id(), "channel", channel.name(),
                        "status", status.name(), "purchaseDate", r.purchaseDate().toString(), "retailer", retailer,
                        "conflictsWith", saved.conflictsWith(), "proof", proofId != null));
        publicLookup.forget(serial);
        return new RegistrationOutcome(saved, true, status == RegistrationStatus.ACTIVE
                ? "Registered. Thank you: the warranty now runs from the registered purchase date where the policy says so."
                : "This unit is already registered to someone else. Your registration was kept and will be reviewed; "
                  + "until then the earlier registration stays in force.");
    }

    /** Resale: the active owner's registration ends and the buyer's begins, with the original purchase date. */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','ADMIN')")
    public OwnershipView transfer(String serialText, @Nullable LocalDate transferDate, String newOwnerName,
                                  String newEmail, @Nullable String channelNote) {
        String serial = SerialGate.serialText(serialText);
        var current = store.active(serial).orElseThrow(() -> new IllegalArgumentException(
                "serial: " + serial + " has no registered owner to transfer from; register it instead"));
        LocalDate day = transferDate == null ? LocalDate.now(clock) : transferDate;
        if (day.isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("transferDate: " + day + " is in the future");
        }
        if (day.isBefore(current.purchaseDate())) {
            throw new IllegalArgumentException("transferDate: " + day + " is before the purchase on " + current.purchaseDate());
        }
        String owner = text("ownerName", newOwnerName, 128);
        String email = email(newEmail);
        if (email.equalsIgnoreCase(current.email())) {
            throw new IllegalArgumentException("email: the unit is already registered to " + email);
        }
        if (!store.setStatus(current.id(), current.version(), RegistrationStatus.TRANSFERRED, actor(), now(),
                "resold on " + day)) {
            throw new ClaimConflictException("The registration of " + serial + " changed meanwhile; read it again");
        }
        String retailer = channelNote == null || channelNote.isBlank() ? "Private resale" : text("retailer", channelNote, 128);
        var saved = store.insert(new RegistrationStore.Draft(serial, current.gtin(), current.purchaseDate(), retailer,
                owner, email, RegistrationChannel.TRANSFER, RegistrationStatus.ACTIVE, null, current.id(), day, null,
                actor(), now()));
        audit.record("ownership.transferred", "serial", serial, AuditTrail.state("registration", current.id(),
                "owner", current.ownerName()), AuditTrail.state("registration", saved.id(), "owner", owner,
                "transferDate", day.toString()));
        publicLookup.forget(serial);
        return saved;
    }

    /**
     * Decides a conflict: either the new registration replaces the active one (which becomes
     * SUPERSEDED), or it is rejected.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public OwnershipView resolveConflict(long registrationId, boolean acceptNewOwner, String note) {
        var conflict = store.find(registrationId).orElseThrow(() -> new IllegalArgumentException(
                "registration: no registration " + registrationId));
        if (conflict.status() != RegistrationStatus.CONFLICT) {
            throw new ClaimConflictException("Registration " + registrationId + " is " + conflict.status().label()
                    + " now; someone resolved it already");
        }
        String why = text("note", note, 500);
        Instant now = now();
        if (acceptNewOwner) {
            store.active(conflict.serial()).ifPresent(a -> {
                if (!store.setStatus(a.id(), a.version(), RegistrationStatus.SUPERSEDED, actor(), now, why)) {
                    throw new ClaimConflictException("The active registration changed meanwhile; read it again");
                }
            });
        }
        if (!store.setStatus(conflict.id(), conflict.version(), acceptNewOwner ? RegistrationStatus.ACTIVE
                : RegistrationStatus.REJECTED, actor(), now, why)) {
            throw new ClaimConflictException("Registration " + registrationId + " changed meanwhile; read it again");
        }
        audit.record("ownership.conflict-resolved", "serial", conflict.serial(), AuditTrail.state("registration",
                registrationId, "status", "CONFLICT"), AuditTrail.state("registration", registrationId, "status",
                acceptNewOwner ? "ACTIVE" : "REJECTED", "note", why));
        publicLookup.forget(conflict.serial());
        return store.find(registrationId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<OwnershipView> owner(String serial) {
        return store.active(serial.strip().toUpperCase());
    }

    /**
     * The registered owners of many units at once (a recall notifies them): the active registration of
     * each serial that has one.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WARRANTY','QUALITY','ADMIN')")
    public List<OwnershipView> owners(java.util.Collection<String> serials) {
        return store.activeOf(serials);
    }

    /** Every registration of the unit, oldest first (owners, transfers, conflicts). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WARRANTY','SERVICE_CENTER','QUALITY','ADMIN')")
    public List<OwnershipView> history(String serial) {
        return store.ofSerial(serial.strip().toUpperCase());
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('WARRANTY','ADMIN')")
    public List<OwnershipView> openConflicts() {
        return store.withStatus(RegistrationStatus.CONFLICT, 500);
    }

    @Transactional(readOnly = true)
    public long count(RegistrationStatus status) {
        return store.countWithStatus(status);
    }

    static String text(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
        if (value.strip().length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return value.strip();
    }

    static String email(@Nullable String value) {
        return email("email", value);
    }

    static String email(String field, @Nullable String value) {
        String e = text(field, value, 254);
        if (!EMAIL.matcher(e).matches()) {
            throw new IllegalArgumentException(field + ": '" + e + "' is not an e-mail address");
        }
        return e.toLowerCase();
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }
}
