package org.serialregistry.warranty;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.internal.ClaimStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The check a service centre runs before a repair: coverage on the day, and the unit's earlier
 * claims counted against the policy's claim limit the same way automatic adjudication counts them
 * (every claim but denied ones).
 */
@Service
public class WarrantyEligibility {

    private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth"};

    private final Units units;
    private final WarrantyCoverage coverage;
    private final ClaimStore claims;
    private final Clock clock;

    WarrantyEligibility(Units units, WarrantyCoverage coverage, ClaimStore claims, Clock clock) {
        this.units = units;
        this.coverage = coverage;
        this.claims = claims;
        this.clock = clock;
    }

    /** Eligibility on {@code day} (null: today); empty for a serial the registry never issued for this GTIN. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SERVICE_CENTER','WARRANTY','ADMIN')")
    public Optional<Eligibility> check(Gtin gtin, SerialNumber serial, @Nullable LocalDate day) {
        LocalDate on = day == null ? LocalDate.now(clock) : day;
        return units.find(serial).filter(u -> u.gtin().equals(gtin)).map(unit -> {
            var cover = coverage.of(unit, on);
            int counted = (int) claims.ofSerial(serial.value()).stream().filter(c -> c.state() != ClaimState.DENIED).count();
            boolean sold = cover.registered() || coverage.retailSaleEvent(serial).isPresent();
            var policy = cover.policy();
            boolean under = policy != null && counted < policy.claimLimit();
            String words = cover.explanation() + (policy == null ? "" : " " + claimsInWords(counted, policy.claimLimit()) + ".")
                    + (sold ? "" : " The unit was never sold or registered: a claim on it goes to review.");
            return new Eligibility(gtin.value(), serial.value(), on, cover.covered() && under, counted,
                    policy == null ? null : policy.claimLimit(), sold, words, cover);
        });
    }

    /** "This unit has had 3 claims; the policy allows 3; a fourth is not covered". */
    static String claimsInWords(long had, int limit) {
        return "This unit has had " + had + (had == 1 ? " claim" : " claims") + "; the policy allows " + limit + "; "
                + (had < ORDINALS.length ? "a " + ORDINALS[(int) had] : "claim " + (had + 1))
                + (had < limit ? " is within the limit" : " is not covered");
    }
}
