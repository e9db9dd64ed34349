package org.serialregistry.verification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.serialregistry.factors.FactorReadings;
import org.serialregistry.factors.FactorReport;
import org.serialregistry.factors.SecondFactor;
import org.serialregistry.factors.SecondFactors;
import org.serialregistry.serial.CodeCheck;
import org.serialregistry.serial.ProductView;
import org.serialregistry.serial.Refurbishments;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.VerificationAnswer.Product;
import org.serialregistry.verification.internal.DatabaseOutage;
import org.serialregistry.verification.internal.ProductDirectory;
import org.serialregistry.verification.internal.UnitCache;
import org.serialregistry.verification.internal.VerificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

// Over 400 lines on purpose: the checks run in one ordered pass whose order is the performance
// contract above (no database read for a forged code). Split out first: the GS1 parsing helpers at
// the end, into shared.UnitCode, when this grows.
/**
 * Verifies one scanned code, the same way for the public page, the JSON answer and the batch API.
 *
 * <p>Order of checks, cheapest first, so that a forged code costs no database read:
 * <ol>
 *   <li>shape: GTIN check digit, serial and lot characters and length, expiry date (no lookup at all);</li>
 *   <li>the public counterfeit list (in memory);</li>
 *   <li>the cryptographic tag for the scanned GTIN (no database); when it fails, the tag is tried
 *       against the other GTINs of the catalogue (in memory): a serial that is genuine for another
 *       product is a mismatch, anything else is not genuine;</li>
 *   <li>only a code with a valid tag is looked up (one read, cached for a few seconds): never
 *       issued means a leaked key (logged at ERROR), another lot or expiry is a mismatch, else
 *       the unit's status decides between genuine and genuine with a warning.</li>
 * </ol>
 * Forged, never issued and not-our-format codes get the same public answer.
 */
@Service
public class Verifications {

    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    private final Units units;
    private final CounterfeitList counterfeits;
    private final ProductDirectory products;
    private final UnitCache unitCache;
    // resolved once: a bean factory lookup per verification cost 7 us
    private final Supplier<Optional<WarrantyLookup>> warranty;
    private final Supplier<Optional<RecallLookup>> recalls;
    private final VerificationProperties properties;
    private final Clock clock;
    private final SecondFactors secondFactors;
    private final Refurbishments refurbishments;
    private final DatabaseOutage outage;

    Verifications(Units units, CounterfeitList counterfeits, ProductDirectory products, UnitCache unitCache,
                  ObjectProvider<WarrantyLookup> warranty, ObjectProvider<RecallLookup> recalls,
                  VerificationProperties properties, Clock clock, SecondFactors secondFactors,
                  Refurbishments refurbishments, DatabaseOutage outage) {
        this.outage = outage;
        this.secondFactors = secondFactors;
        this.refurbishments = refurbishments;
        this.units = units;
        this.counterfeits = counterfeits;
        this.products = products;
        this.unitCache = unitCache;
        this.warranty = SingletonSupplier.of(() -> Optional.ofNullable(warranty.getIfAvailable()));
        this.recalls = SingletonSupplier.of(() -> Optional.ofNullable(recalls.getIfAvailable()));
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Verifies a code. Never throws for bad input: a malformed code is answered with verdict
     * {@link PublicVerdict#INVALID} and a message naming what is wrong.
     *
     * @param rawGtin   AI 01 as scanned; null for a serial-only check (the GTIN is then found from the tag)
     * @param rawLot    AI 10, or null
     * @param rawSerial AI 21
     * @param rawExpiry AI 17 (YYMMDD), or null
     */
    public VerificationResult verify(@Nullable String rawGtin, @Nullable String rawLot, @Nullable String rawSerial,
                                     @Nullable String rawExpiry) {
        return verify(rawGtin, rawLot, rawSerial, rawExpiry, FactorReadings.NONE);
    }

    /**
     * Verifies a code and, when it is genuine, the second factors read with it (an NFC tap's SUN
     * parameters, a scratch-off code, a hologram number). A factor that does not belong to the unit
     * turns the answer into "not genuine" (a tag or hologram) or a warning (a scratch-off code used
     * before or mistyped). A product without factors and a scan without readings cost nothing more
     * (the product's factors come from memory).
     */
    public VerificationResult verify(@Nullable String rawGtin, @Nullable String rawLot, @Nullable String rawSerial,
                                     @Nullable String rawExpiry, FactorReadings readings) {
        String shownGtin = rawGtin == null ? null : ScanText.cut(rawGtin);
        String shownSerial = ScanText.cut(rawSerial == null ? "" : rawSerial);
        Gtin gtin;
        SerialNumber serial;
        LotNumber lot;
        LocalDate expiry;
        try {
            gtin = rawGtin == null ? null : Gtin.of(rawGtin);
            lot = rawLot == null ? null : new LotNumber(rawLot);
            serial = new SerialNumber(rawSerial);
            expiry = rawExpiry == null ? null : parseYymmdd(rawExpiry, LocalDate.now(clock));
        } catch (IllegalArgumentException e) {
            var answer = answer(false, null, null, PublicVerdict.INVALID, null, null,
                    "This is not a valid code: " + e.getMessage() + ".");
            return new VerificationResult(ScanOutcome.MALFORMED, answer, null, shownGtin, shownSerial);
        }

        if (counterfeits.isListed(serial.value())) {
            var answer = answer(false, "No_reason_provided", "Illegitimate", PublicVerdict.REPORTED_COUNTERFEIT,
                    null, product(gtin), "Reported as counterfeit: do not purchase or use this product. "
                            + "Please tell us where you found it.");
            return new VerificationResult(ScanOutcome.LISTED_COUNTERFEIT, answer, null, gtinText(gtin, shownGtin),
                    serial.value());
        }

        Gtin genuineFor = null;
        ScanOutcome cryptoFailure = ScanOutcome.FORGED;
        if (gtin != null) {
            CodeCheck check = units.checkCode(gtin, serial.value());
            if (check.genuine()) {
                genuineFor = gtin;
            } else if (check instanceof CodeCheck.Malformed) {
                cryptoFailure = ScanOutcome.MALFORMED;
            } else {
                Gtin other = genuineForAnotherGtin(serial, gtin);
                if (other != null) {
                    return mismatchedGtin(gtin, serial, other);
                }
            }
        } else {
            genuineFor = genuineForAnotherGtin(serial, null);
        }
        if (genuineFor == null) {
            return new VerificationResult(cryptoFailure, notGenuine(gtin), null, gtinText(gtin, shownGtin), serial.value());
        }

        Optional<UnitRecord> found = unitCache.get(serial.value(), () -> units.lookup(serial));
        if (found.isEmpty()) {
            log.error("SECURITY: a code with a valid tag was scanned that the registry never issued: GTIN {} serial {}. "
                    + "This means a serial key has leaked; rotate the key and open an investigation.",
                    genuineFor.value(), serial.value());
            return new VerificationResult(ScanOutcome.NOT_ISSUED, notGenuine(genuineFor), null, genuineFor.value(),
                    serial.value());
        }
        UnitRecord unit = found.get();
        if (!unit.gtin().equals(genuineFor)) {
            return mismatchedGtin(genuineFor, serial, unit.gtin());
        }
        boolean lotDiffers = lot != null && !lot.equals(unit.lot());
        boolean expiryDiffers = expiry != null && !expiry.equals(unit.expiryDate());
        if (lotDiffers || expiryDiffers) {
            String reason = lotDiffers && expiryDiffers ? "No_match_GTIN_Serial_Lot_Expiry"
                    : lotDiffers ? "No_match_GTIN_Serial_Lot" : "No_match_GTIN_Serial_Expiry";
            String what = lotDiffers && expiryDiffers ? "lot and expiry date" : lotDiffers ? "lot" : "expiry date";
            var answer = answer(false, reason, null, PublicVerdict.MISMATCH, null, product(genuineFor),
                    "Does not match: the " + what + " on this label differ from what the manufacturer registered "
                            + "for this serial. Do not purchase or use it; please report where you found it.");
            return new VerificationResult(ScanOutcome.MISMATCH, answer, unit.status(), genuineFor.value(), serial.value());
        }
        return withFactors(genuine(unit), unit, readings);
    }

    /**
     * Whether a serial carries a valid tag for a product of the catalogue: decided by the keys, no
     * database read. False for made-up and malformed codes (and when the catalogue is larger than
     * {@code max-products-for-mismatch-search}).
     */
    public boolean passesCodeCheck(String rawSerial) {
        try {
            return genuineForAnotherGtin(new SerialNumber(rawSerial), null) != null;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** A serial-only check (batch API without GTIN). */
    public VerificationResult verifySerial(String rawSerial) {
        return verify(null, null, rawSerial, null);
    }

    private VerificationResult genuine(UnitRecord unit) {
        var product = product(unit.gtin());
        String name = product == null || product.name() == null ? "product" : product.name();
        var recall = recallOf(unit);
        // a recall just started counts at once, before its job has reached this unit
        UnitStatus status = recall.isPresent() && !unit.status().terminal() ? UnitStatus.RECALLED : unit.status();
        LocalDate today = LocalDate.now(clock);
        boolean expired = unit.expiryDate() != null && unit.expiryDate().isBefore(today);
        String additionalInfo = null;
        String message;
        boolean warning = true;
        switch (status) {
            case RECALLED -> {
                additionalInfo = "Recalled";
                message = recall.map(r -> "Genuine, but recalled (" + r.campaignNumber() + "): this " + name
                        + " is part of a recall. " + r.instructions()).orElse("Genuine, but recalled: this " + name
                        + " belongs to a recalled lot. Do not use it; contact the seller or the manufacturer.");
            }
            case STOLEN -> {
                additionalInfo = "Suspect";
                message = "Genuine code, but this unit was reported stolen: a unit carrying this code now is suspect. "
                        + "Do not purchase it.";
            }
            case DESTROYED -> {
                additionalInfo = "Suspect";
                message = "Genuine code, but this unit was reported destroyed: a unit carrying this code now is "
                        + "suspect. Do not purchase it.";
            }
            case DECOMMISSIONED -> {
                additionalInfo = "Suspect";
                message = "Genuine code, but this unit was refurbished and now carries a new code: a unit carrying "
                        + "this old code is suspect. Do not purchase it.";
            }
            case ARCHIVED -> {
                additionalInfo = "Suspect";
                message = "Genuine code, but this unit has reached its end of life: the manufacturer archived its "
                        + "record. A unit carrying this code now is suspect; do not purchase it.";
            }
            case LOCKED -> {
                additionalInfo = "Suspect";
                message = "Genuine code, but this unit is locked while the manufacturer investigates: "
                        + "do not sell or use it until it is cleared.";
            }
            case EXPORTED -> message = "Genuine " + name + ", registered as exported from its intended market ("
                    + unit.intendedMarket().value() + ").";
            case SAMPLE -> message = "Genuine " + name + ", registered as a sample: not for sale.";
            default -> {
                warning = expired;
                message = expired
                        ? "Genuine " + name + ", but it expired on " + unit.expiryDate() + ": do not use it."
                        : "Genuine: this " + name + " was made by the manufacturer and is registered as "
                        + status.label().toLowerCase() + ".";
                additionalInfo = expired ? "Expired" : null;
            }
        }
        if (!status.terminal()) {
            message = optional("Refurbishment", unit, () -> refurbishments.originOf(unit.serial())).map(r -> "Refurbished on "
                    + LocalDate.ofInstant(r.refurbishedAt(), clock.getZone()) + ", originally made on " + r.originallyMade()
                    + ". ").orElse("") + message;
        }
        var answer = new VerificationAnswer(true, null, additionalInfo,
                warning ? PublicVerdict.GENUINE_WITH_WARNING : PublicVerdict.GENUINE, status.name(), product,
                unit.productionDate(), unit.lot().value(), unit.expiryDate(), null, message,
                warning ? properties.reportTo() : null);
        var lookup = warranty.get().orElse(null);
        if (lookup != null && !status.terminal()) {
            // the warranty module must not break verification: the page simply omits coverage
            answer = answer.withWarranty(optional("Warranty", unit, () -> lookup.coverage(unit))
                    .map(w -> new VerificationAnswer.Warranty(w.covered(), w.until(), w.explanation(), w.registered()))
                    .orElse(null));
        }
        return new VerificationResult(warning ? ScanOutcome.GENUINE_WITH_WARNING : ScanOutcome.GENUINE, answer, status,
                unit.gtin().value(), unit.serial().value());
    }

    private Optional<RecallLookup.RecallNotice> recallOf(UnitRecord unit) {
        var lookup = recalls.get().orElse(null);
        if (lookup == null) {
            return Optional.empty();
        }
        // the recall module must not break verification: the unit's own status still answers
        return optional("Recall", unit, () -> lookup.recallOf(unit));
    }

    /**
     * A detail of the answer that another module looks up (recall, refurbishment, warranty, second factors). Its failure
     * does not break the verification: the answer goes without it. While the database is known to be
     * away ({@link DatabaseOutage}) it is not asked at all, so that an answer from the unit's last copy
     * does not wait for the pool's connection timeout; an unreachable database starts that back-off.
     */
    private <T> Optional<T> optional(String what, UnitRecord unit, Supplier<Optional<T>> lookup) {
        if (outage.suspected()) {
            return Optional.empty();
        }
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            if (outage.failed(e)) {
                log.info("{} lookup for {} skipped: the database is unreachable", what, unit.serial().value());
            } else {
                log.warn("{} lookup failed for {}: {}", what, unit.serial().value(), e.toString());
            }
            return Optional.empty();
        }
    }

    private VerificationResult withFactors(VerificationResult result, UnitRecord unit, FactorReadings readings) {
        // a fault in the factor check, or a database known to be away, must not break (or slow) the verification:
        // the answer then rests on the code alone
        FactorReport report = optional("Second-factor", unit,
                () -> Optional.of(secondFactors.check(unit.gtin(), unit.serial(), unit.lot(), readings)))
                .orElse(FactorReport.NONE);
        var answer = result.answer();
        var factors = factorAnswer(report);
        var failure = report.firstFailure().orElse(null);
        if (failure == null) {
            answer = answer.withSecondFactors(factors, answer.verified(), answer.verdict(), answer.additionalInfo(),
                    answer.message(), answer.reportTo());
        } else if (failure.factor() == SecondFactor.SCRATCH_OFF) {
            answer = answer.withSecondFactors(factors, true, PublicVerdict.GENUINE_WITH_WARNING, "Suspect",
                    "Genuine code, but: " + failure.message(), properties.reportTo());
        } else {
            answer = answer.withSecondFactors(factors, false, PublicVerdict.NOT_GENUINE, "Suspect", failure.message(),
                    properties.reportTo());
        }
        return new VerificationResult(result.outcome(), answer, result.unitStatus(), result.gtin(), result.serial());
    }

    private static SecondFactorAnswer factorAnswer(FactorReport report) {
        if (report.checks().isEmpty() && report.unread().isEmpty()) {
            return SecondFactorAnswer.CODE_ONLY;
        }
        var checked = report.checks().stream().map(c -> new SecondFactorAnswer.Checked(c.factor().label(),
                c.result().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), c.message())).toList();
        var notRead = report.unread().stream().map(SecondFactor::label).toList();
        String strength = report.strength();
        String summary;
        if (!report.allPassed()) {
            summary = "Checked: the printed code and the " + report.checks().stream().map(c -> c.factor().label())
                    .collect(java.util.stream.Collectors.joining(" and ")) + "; not everything belongs to this unit.";
        } else if (report.checks().isEmpty()) {
            var items = notRead.stream().map(n -> (n.startsWith("NFC") ? "an " : "a ") + n).toList();
            String carried = items.size() == 1 ? items.getFirst()
                    : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
            boolean tag = report.unread().contains(SecondFactor.NFC);
            boolean typed = report.unread().size() > (tag ? 1 : 0);
            summary = "Checked: the printed code only. This unit also carries " + carried + ": "
                    + (tag && typed ? "tap the tag with your phone, or enter what you read below,"
                    : tag ? "tap the tag with your phone" : "enter it below") + " for a stronger check.";
        } else {
            summary = "Checked: the printed code and the " + report.checks().stream().map(c -> c.factor().label())
                    .collect(java.util.stream.Collectors.joining(" and ")) + "; they belong to this unit ("
                    + strength + ").";
        }
        return new SecondFactorAnswer(strength, checked, notRead, summary);
    }

    private VerificationResult mismatchedGtin(Gtin scanned, SerialNumber serial, Gtin actual) {
        var found = unitCache.get(serial.value(), () -> units.lookup(serial));
        if (found.isEmpty() || !found.get().gtin().equals(actual)) {
            log.error("SECURITY: serial {} carries a valid tag for GTIN {} but was never issued for it "
                    + "(scanned with GTIN {}): a serial key has leaked.", serial.value(), actual.value(), scanned.value());
            return new VerificationResult(ScanOutcome.NOT_ISSUED, notGenuine(scanned), null, scanned.value(),
                    serial.value());
        }
        var answer = answer(false, "No_match_GTIN_Serial", null, PublicVerdict.MISMATCH, null, product(scanned),
                "Does not match: this serial was issued for a different product than the one this label names. "
                        + "Do not purchase or use it; please report where you found it.");
        return new VerificationResult(ScanOutcome.MISMATCH, answer, found.get().status(), scanned.value(), serial.value());
    }

    private @Nullable Gtin genuineForAnotherGtin(SerialNumber serial, @Nullable Gtin except) {
        var candidates = products.gtins();
        if (candidates.size() > properties.maxProductsForMismatchSearch()) {
            return null;
        }
        for (Gtin candidate : candidates) {
            if (!candidate.equals(except) && units.checkCode(candidate, serial.value()).genuine()) {
                return candidate;
            }
        }
        return null;
    }

    private VerificationAnswer notGenuine(@Nullable Gtin gtin) {
        return answer(false, "No_match_GTIN_Serial", "Suspect", PublicVerdict.NOT_GENUINE, null, product(gtin),
                "Not genuine: the manufacturer did not issue this code. Do not purchase or use this product; "
                        + "please report where you found it.");
    }

    private VerificationAnswer answer(boolean verified, @Nullable String reason, @Nullable String info,
                                      PublicVerdict verdict, @Nullable String status, @Nullable Product product,
                                      String message) {
        return new VerificationAnswer(verified, reason, info, verdict, status, product, null, null, null, null, message,
                verdict == PublicVerdict.INVALID ? null : properties.reportTo());
    }

    private @Nullable Product product(@Nullable Gtin gtin) {
        if (gtin == null) {
            return null;
        }
        return new Product(gtin.value(), products.find(gtin).map(ProductView::name).orElse(null));
    }

    private static String gtinText(@Nullable Gtin gtin, @Nullable String shown) {
        return gtin != null ? gtin.value() : shown;
    }

    /**
     * GS1 dates (AI 17): YYMMDD; the century puts the year within 49 years back and 50 ahead;
     * day 00 means the last day of the month.
     */
    static LocalDate parseYymmdd(String raw, LocalDate today) {
        if (raw.length() != 6 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("expiry date (17) must be 6 digits YYMMDD");
        }
        int yy = Integer.parseInt(raw.substring(0, 2));
        int mm = Integer.parseInt(raw.substring(2, 4));
        int dd = Integer.parseInt(raw.substring(4, 6));
        if (mm < 1 || mm > 12) {
            throw new IllegalArgumentException("expiry date (17): month " + mm + " does not exist");
        }
        int thisYear = today.getYear();
        int year = thisYear / 100 * 100 + yy;
        if (year - thisYear > 50) {
            year -= 100;
        } else if (thisYear - year > 49) {
            year += 100;
        }
        var month = YearMonth.of(year, mm);
        if (dd == 0) {
            return month.atEndOfMonth();
        }
        if (dd > month.lengthOfMonth()) {
            throw new IllegalArgumentException("expiry date (17): day " + dd + " does not exist in " + month);
        }
        return month.atDay(dd);
    }
}
