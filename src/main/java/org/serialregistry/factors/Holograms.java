package org.serialregistry.factors;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.serialregistry.audit.AuditTrail;
import org.serialregistry.factors.internal.FactorStore;
import org.serialregistry.security.CurrentUser;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hologram numbers bound to units or lots; a number belongs to one unit or one lot only. */
@Service
public class Holograms {

    public static final int MAX_PER_BINDING = 10_000;

    private final FactorStore store;
    private final SecondFactors factors;
    private final Units units;
    private final MasterData masterData;
    private final AuditTrail audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    Holograms(FactorStore store, SecondFactors factors, Units units, MasterData masterData, AuditTrail audit,
              CurrentUser currentUser, Clock clock) {
        this.store = store;
        this.factors = factors;
        this.units = units;
        this.masterData = masterData;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Binds the numbers, all or none. Audited.
     *
     * @return how many numbers were bound
     * @throws IllegalArgumentException naming each wrong field, in one message
     */
    @Transactional
    @PreAuthorize("hasAnyRole('PRODUCTION','ADMIN')")
    public int bind(HologramBinding request) {
        var problems = new ArrayList<String>();
        Gtin gtin = null;
        String serial = null;
        String lot = null;
        if (request.serial() != null && !request.serial().isBlank()) {
            try {
                UnitRecord unit = units.lookup(new SerialNumber(request.serial().strip().toUpperCase(Locale.ROOT))).orElse(null);
                if (unit == null) {
                    problems.add("serial: no unit with serial " + request.serial().strip() + " was issued");
                } else {
                    gtin = unit.gtin();
                    serial = unit.serial().value();
                }
            } catch (IllegalArgumentException e) {
                problems.add("serial: " + e.getMessage());
            }
        } else {
            try {
                gtin = Gtin.of(request.gtin() == null ? "" : request.gtin());
                if (masterData.product(gtin).isEmpty()) {
                    problems.add("gtin: there is no product with GTIN " + gtin.value());
                }
            } catch (IllegalArgumentException e) {
                problems.add("gtin: give the serial of one unit, or the GTIN and lot of a lot (" + e.getMessage() + ")");
            }
            try {
                lot = new LotNumber(request.lot() == null ? "" : request.lot()).value();
            } catch (IllegalArgumentException e) {
                problems.add("lot: " + e.getMessage());
            }
        }
        if (gtin != null && problems.isEmpty() && !factors.forProduct(gtin).carries(SecondFactor.HOLOGRAM)) {
            problems.add("gtin: the units of product " + gtin.value() + " carry no hologram; turn on holograms for it first");
        }
        List<String> numbers = numbers(request, problems);
        if (!numbers.isEmpty()) {
            var taken = store.existingHolograms(numbers);
            if (!taken.isEmpty()) {
                problems.add("numbers: " + taken.size() + " already bound, e.g. " + String.join(", ",
                        taken.subList(0, Math.min(5, taken.size()))));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        store.insertHolograms(numbers, gtin.value(), serial, lot, Instant.now(clock), currentUser.require());
        audit.record("hologram.bound", serial != null ? "unit" : "lot", serial != null ? serial : gtin.value() + "/" + lot,
                null, AuditTrail.state("count", numbers.size(), "first", numbers.getFirst(), "last", numbers.getLast()));
        return numbers.size();
    }

    private static List<String> numbers(HologramBinding request, List<String> problems) {
        var numbers = new LinkedHashSet<String>();
        if (request.numbers() != null && !request.numbers().isEmpty()) {
            for (String n : request.numbers()) {
                String number = n == null ? "" : n.strip().toUpperCase(Locale.ROOT);
                if (!valid(number)) {
                    problems.add("numbers: '" + cut(number) + "' is not a hologram number (1 to 32 letters and digits)");
                    return List.of();
                }
                numbers.add(number);
            }
        } else if (request.from() != null && request.to() != null) {
            String from = request.from().strip().toUpperCase(Locale.ROOT);
            String to = request.to().strip().toUpperCase(Locale.ROOT);
            int digits = trailingDigits(from);
            if (!valid(from) || !valid(to) || digits == 0 || from.length() != to.length()
                    || !from.substring(0, from.length() - digits).equals(to.substring(0, to.length() - digits))
                    || trailingDigits(to) < digits) {
                problems.add("from: a range runs from and to numbers of the same length and prefix, ending in digits "
                        + "(e.g. H000100 to H000199)");
                return List.of();
            }
            String prefix = from.substring(0, from.length() - digits);
            long first = Long.parseLong(from.substring(prefix.length()));
            long last = Long.parseLong(to.substring(prefix.length()));
            if (last < first) {
                problems.add("to: the range ends before it starts");
                return List.of();
            }
            if (last - first + 1 > MAX_PER_BINDING) {
                problems.add("to: bind at most " + MAX_PER_BINDING + " numbers at once, this range has " + (last - first + 1));
                return List.of();
            }
            for (long i = first; i <= last; i++) {
                numbers.add(prefix + String.format("%0" + digits + "d", i));
            }
        } else {
            problems.add("numbers: give a list of hologram numbers, or a range from and to");
            return List.of();
        }
        if (numbers.size() > MAX_PER_BINDING) {
            problems.add("numbers: bind at most " + MAX_PER_BINDING + " numbers at once");
            return List.of();
        }
        return List.copyOf(numbers);
    }

    private static int trailingDigits(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && Character.isDigit(s.charAt(i)); i--) {
            n++;
        }
        return Math.min(n, 18);
    }

    private static boolean valid(String number) {
        return !number.isEmpty() && number.length() <= 32 && number.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c));
    }

    private static String cut(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }
}
