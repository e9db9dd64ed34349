package org.serialregistry.warranty;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Fresh demo-phone units for warranty stories, so tests never share units with the demo data or each other. */
public final class WarrantyTestUnits {

    public static final String PHONE = "09506000134352";
    private static final AtomicInteger LOTS = new AtomicInteger();

    private WarrantyTestUnits() {
    }

    /** Issues {@code quantity} phones made on {@code day} in a new lot (as production staff). */
    public static List<SerialNumber> phones(SerialIssuance issuance, int quantity, LocalDate day) {
        String lot = "WT" + (System.nanoTime() % 100_000) + LOTS.incrementAndGet();
        return as("production", () -> {
            var batch = issuance.issue(new IssueBatchRequest(PHONE, lot, "DE-MUC", "L2", quantity, day, null, "DE", null),
                    null, true).batch();
            return issuance.serials(batch.id(), 0, quantity);
        }, "PRODUCTION");
    }

    /**
     * Registers {@code name} as the owner (purchased 10 days ago, as the service desk), so that a
     * claim by that person can be approved: a unit never sold or registered only goes to review.
     */
    public static void owned(OwnershipRegistry owners, SerialNumber serial, String name, String email) {
        as("service", () -> owners.register(new NewRegistration(PHONE, serial.value(), LocalDate.now().minusDays(10),
                "Elektro Markt", name, email, null, null), RegistrationChannel.PORTAL), "SERVICE_CENTER");
    }

    /**
     * A claim that waits for a person, on a fresh phone: the second claim for the same defect (as the
     * service desk), which goes to review.
     */
    public static ClaimView claimInReview(ClaimIntake intake, SerialNumber unit) {
        ClaimResult last = null;
        for (int day : new int[] {3, 1}) {
            last = as("service", () -> intake.submit(new NewClaim(PHONE, unit.value(), "DISPLAY",
                    LocalDate.now().minusDays(day), "Dup Owner", "dup@example.com", "Stopped working", null),
                    ClaimChannel.PORTAL), "SERVICE_CENTER");
        }
        if (last.claim().state() != ClaimState.NEEDS_REVIEW) {
            throw new IllegalStateException("the second claim of " + unit + " is " + last.claim().state());
        }
        return last.claim();
    }

    public static <T> T as(String user, Supplier<T> work, String... roles) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                AuthorityUtils.createAuthorityList(java.util.Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void as(String user, Runnable work, String... roles) {
        as(user, () -> {
            work.run();
            return null;
        }, roles);
    }

    /** The same serial with its last character changed: well-formed, but the tag no longer matches. */
    public static String forged(SerialNumber serial) {
        String s = serial.value();
        char last = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
