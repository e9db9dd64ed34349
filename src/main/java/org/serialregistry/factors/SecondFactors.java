package org.serialregistry.factors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.factors.FactorCheck.Result;
import org.serialregistry.factors.SecondFactorFailed.Failure;
import org.serialregistry.factors.internal.FactorCrypto;
import org.serialregistry.factors.internal.FactorStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.serial.MasterData;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which second factors each product carries, and the check of what a buyer read with a genuine code.
 *
 * <p>{@link #forProduct} answers from a bounded in-memory cache (Caffeine, 10,000 products, 30 s), so
 * a plain code scan costs no database read here. {@link #check} runs on the public path: it never
 * throws for bad input, and each failure publishes {@link SecondFactorFailed} for counterfeit detection.
 */
@Service
public class SecondFactors {

    private static final DateTimeFormatter USED_ON = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final FactorStore store;
    private final FactorCrypto crypto;
    private final MasterData masterData;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Cache<String, ProductFactors> products = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    SecondFactors(FactorStore store, FactorCrypto crypto, MasterData masterData, AuditTrail audit,
                  CurrentUser currentUser, ApplicationEventPublisher events, PlatformTransactionManager transactions,
                  Clock clock) {
        this.store = store;
        this.crypto = crypto;
        this.masterData = masterData;
        this.audit = audit;
        this.currentUser = currentUser;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The factors the product's units carry (none for a product never configured). */
    public ProductFactors forProduct(Gtin gtin) {
        return products.get(gtin.value(), g -> store.product(g).map(SecondFactors::toFactors)
                .orElseGet(() -> ProductFactors.none(gtin)));
    }

    /** Every product whose units carry at least one factor. */
    @Transactional(readOnly = true)
    public List<ProductFactors> configured() {
        return store.products().stream().map(SecondFactors::toFactors).filter(p -> !p.factors().isEmpty()).toList();
    }

    /**
     * Sets the factors a product's units carry. Audited.
     *
     * @throws IllegalArgumentException "gtin: ..." when the catalogue has no such product
     */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public ProductFactors configure(Gtin gtin, Set<SecondFactor> factors) {
        if (masterData.product(gtin).isEmpty()) {
            throw new IllegalArgumentException("gtin: there is no product with GTIN " + gtin.value());
        }
        var before = store.product(gtin.value()).map(SecondFactors::toFactors).orElse(ProductFactors.none(gtin));
        var after = new ProductFactors(gtin, factors);
        store.saveProduct(new FactorStore.ProductRow(gtin.value(), after.carries(SecondFactor.NFC),
                after.carries(SecondFactor.SCRATCH_OFF), after.carries(SecondFactor.HOLOGRAM)), Instant.now(clock),
                currentUser.require());
        audit.record("product.second-factors", "product", gtin.value(), AuditTrail.state("factors", names(before)),
                AuditTrail.state("factors", names(after)));
        products.invalidate(gtin.value());
        return after;
    }

    /**
     * Checks what was read with a unit's genuine code (the caller verified the code first).
     * Factors the product carries but nobody read are listed as unread.
     */
    public FactorReport check(Gtin gtin, SerialNumber serial, LotNumber lot, FactorReadings readings) {
        var product = forProduct(gtin);
        if (product.factors().isEmpty() && readings.isEmpty()) {
            return FactorReport.NONE;
        }
        var checks = new ArrayList<FactorCheck>();
        var unread = EnumSet.copyOf(product.factors().isEmpty() ? EnumSet.noneOf(SecondFactor.class) : product.factors());
        if (readings.hasTap()) {
            unread.remove(SecondFactor.NFC);
            checks.add(checkTap(gtin, serial, lot, readings.piccData(), readings.cmac()));
        }
        if (readings.scratchCode() != null && !readings.scratchCode().isBlank()) {
            unread.remove(SecondFactor.SCRATCH_OFF);
            checks.add(checkScratch(product, gtin, serial, lot, readings.scratchCode()));
        }
        if (readings.hologram() != null && !readings.hologram().isBlank()) {
            unread.remove(SecondFactor.HOLOGRAM);
            checks.add(checkHologram(gtin, serial, lot, readings.hologram()));
        }
        return new FactorReport(checks, List.copyOf(unread));
    }

    /** What is registered for a unit, for forensic review. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FORENSICS','PRODUCTION','ADMIN')")
    public RegisteredFactors registered(Gtin gtin, SerialNumber serial, LotNumber lot) {
        var tag = store.tagOfSerial(serial.value());
        return new RegisteredFactors(store.product(gtin.value()).map(SecondFactors::toFactors)
                .orElse(ProductFactors.none(gtin)), tag.map(FactorStore.TagRow::uid).orElse(null),
                tag.map(t -> t.lastCounter() < 0 ? null : t.lastCounter()).orElse(null),
                tag.map(t -> t.lastTapAt() == null ? null : t.lastTapAt().toInstant()).orElse(null),
                store.scratchCodeUsedAt(serial.value()), store.hologramsOf(gtin.value(), serial.value(), lot.value()));
    }

    private FactorCheck checkTap(Gtin gtin, SerialNumber serial, LotNumber lot, @Nullable String piccData,
                                 @Nullable String cmac) {
        if (piccData == null || cmac == null) {
            return new FactorCheck(SecondFactor.NFC, Result.NOT_THIS_UNIT,
                    "The NFC tag link is incomplete: tap the tag again.", null);
        }
        String notThis = "Not genuine: this NFC tag does not belong to this product's code. Do not purchase or use it; "
                + "please report where you found it.";
        var tap = crypto.decrypt(piccData);
        if (tap == null) {
            return failed(Failure.TAG_NOT_THIS_UNIT, gtin, serial, lot,
                    "NFC tap whose PICC data decrypts with no key version (wrong key or made-up link)", notThis);
        }
        var row = store.tag(tap.uid()).orElse(null);
        if (row == null) {
            return failed(Failure.TAG_NOT_THIS_UNIT, gtin, serial, lot,
                    "NFC tap of tag " + tap.uid() + ", which is bound to no unit", notThis);
        }
        if (!row.serial().equals(serial.value())) {
            return failed(Failure.TAG_NOT_THIS_UNIT, gtin, serial, lot, "NFC tap of tag " + tap.uid()
                    + ", which is bound to serial " + row.serial() + " (a tag moved to another unit?)", notThis);
        }
        if (row.keyVersion() != tap.keyVersion() || !crypto.macMatches(row.keyVersion(), tap.uid(), tap.counter(), cmac)) {
            return failed(Failure.TAG_NOT_THIS_UNIT, gtin, serial, lot, "NFC tap of tag " + tap.uid()
                    + " with a MAC that does not check with its key (wrong key or altered link)", notThis);
        }
        if (!store.advanceCounter(tap.uid(), tap.counter(), Instant.now(clock))) {
            return failed(Failure.COPIED_TAG_LINK, gtin, serial, lot, "NFC tap of tag " + tap.uid() + " with read counter "
                    + tap.counter() + ", not above the highest seen (" + store.tag(tap.uid()).map(FactorStore.TagRow::lastCounter)
                    .orElse(-1) + "): a replayed or copied tap link", "Not genuine (copied tag link): this tap link was "
                    + "used before. A genuine tag makes a new link at every tap; a link that comes back is a copy. "
                    + "Tap the tag itself again; if the answer stays the same, please report where you found it.");
        }
        return new FactorCheck(SecondFactor.NFC, Result.CONFIRMED,
                "The NFC tag is this unit's own tag, and this tap is new.", null);
    }

    private FactorCheck checkScratch(ProductFactors product, Gtin gtin, SerialNumber serial, LotNumber lot,
                                     String typed) {
        if (!product.carries(SecondFactor.SCRATCH_OFF)) {
            return new FactorCheck(SecondFactor.SCRATCH_OFF, Result.NOT_THIS_UNIT,
                    "This product carries no scratch-off code.", null);
        }
        if (!crypto.scratchMatches(gtin.value(), serial.value(), typed)) {
            return failed(Failure.SCRATCH_CODE_WRONG, gtin, serial, lot, "Scratch-off code that is not this unit's",
                    "The scratch-off code does not match this unit: check what you typed. If it still does not "
                            + "match, please report where you found this product.");
        }
        Instant usedAt = store.consumeScratchCode(serial.value(), gtin.value(), Instant.now(clock));
        if (usedAt != null) {
            var check = failed(Failure.SCRATCH_CODE_REUSED, gtin, serial, lot,
                    "Scratch-off code checked again; first used " + usedAt,
                    "This scratch-off code was already used on " + USED_ON.format(usedAt) + ". If you did not check it "
                            + "yourself then, this unit may be a copy: please report where you found it.");
            return new FactorCheck(check.factor(), Result.ALREADY_USED, check.message(), usedAt);
        }
        return new FactorCheck(SecondFactor.SCRATCH_OFF, Result.CONFIRMED, "The scratch-off code matches this unit. "
                + "It is now used: a later check of the same code will say it was used today.", null);
    }

    private FactorCheck checkHologram(Gtin gtin, SerialNumber serial, LotNumber lot, String typed) {
        String number = typed.strip().toUpperCase(Locale.ROOT);
        var row = number.length() > 32 ? null : store.hologram(number).orElse(null);
        boolean belongs = row != null && (row.serial() != null ? row.serial().equals(serial.value())
                : row.gtin().equals(gtin.value()) && lot.value().equals(row.lot()));
        if (!belongs) {
            String where = row == null ? "which is not registered" : row.serial() != null
                    ? "which is bound to serial " + row.serial() : "which is bound to lot " + row.lot() + " of " + row.gtin();
            return failed(Failure.HOLOGRAM_NOT_THIS_UNIT, gtin, serial, lot,
                    "Hologram " + (number.length() > 32 ? number.substring(0, 32) : number) + " seen with this code, " + where,
                    "Not genuine: this hologram does not belong to this product's code. Do not purchase or use it; "
                            + "please report where you found it.");
        }
        return new FactorCheck(SecondFactor.HOLOGRAM, Result.CONFIRMED, "The hologram number belongs to this unit.", null);
    }

    private FactorCheck failed(Failure failure, Gtin gtin, SerialNumber serial, LotNumber lot, String detail,
                               String message) {
        var event = new SecondFactorFailed(failure, gtin.value(), serial.value(), lot.value(), detail, Instant.now(clock));
        // published in a transaction of its own: counterfeit listens after commit, off this request
        tx.executeWithoutResult(status -> events.publishEvent(event));
        var factor = switch (failure) {
            case COPIED_TAG_LINK, TAG_NOT_THIS_UNIT -> SecondFactor.NFC;
            case SCRATCH_CODE_REUSED, SCRATCH_CODE_WRONG -> SecondFactor.SCRATCH_OFF;
            case HOLOGRAM_NOT_THIS_UNIT -> SecondFactor.HOLOGRAM;
        };
        var result = failure == Failure.COPIED_TAG_LINK ? Result.COPIED_TAG_LINK : Result.NOT_THIS_UNIT;
        return new FactorCheck(factor, result, message, null);
    }

    private static ProductFactors toFactors(FactorStore.ProductRow row) {
        var set = EnumSet.noneOf(SecondFactor.class);
        if (row.nfc()) {
            set.add(SecondFactor.NFC);
        }
        if (row.scratchOff()) {
            set.add(SecondFactor.SCRATCH_OFF);
        }
        if (row.hologram()) {
            set.add(SecondFactor.HOLOGRAM);
        }
        return new ProductFactors(new Gtin(row.gtin()), set);
    }

    private static String names(ProductFactors p) {
        return p.factors().stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("none");
    }
}
