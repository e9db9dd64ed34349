package org.serialregistry.warranty.internal;

import org.serialregistry.security.SystemIdentity;
import org.serialregistry.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewClaim;
import org.serialregistry.warranty.NewPolicyVersion;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.RegistrationChannel;
import org.serialregistry.warranty.StartRule;
import org.serialregistry.warranty.ClaimIntake;
import org.serialregistry.warranty.WarrantyPolicies;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import static org.serialregistry.warranty.DefectCode.*;

/**
 * Demo mode: a policy for each demo product, owners for part of the demo units, and claims, so
 * that the queue, the quality dashboards and the README's curl example show something real. Lot
 * A2611 (Aurora X2 phones) gets an elevated rate of display failures. Claim WC-0000001 is a clean
 * display claim on a registered phone; its owner is "Demo Owner 10", owner10@example.com.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
class DemoWarrantyData implements ApplicationRunner {

    static final String PHONE = "09506000134352";
    static final String CHARGER = "04006381333931";
    static final String PUMP = "07612345000015";
    static final String METER = "07612345000022";
    static final String CALIPER = "07612345000039";
    static final String HEADLAMP = "07612345000046";

    private final Clock clock;
    private final WarrantyPolicies policies;
    private final OwnershipRegistry owners;
    private final ClaimIntake claims;
    private final SerialIssuance issuance;

    DemoWarrantyData(WarrantyPolicies policies, OwnershipRegistry owners, ClaimIntake claims,
                     SerialIssuance issuance, Clock clock) {
        this.clock = clock;
        this.policies = policies;
        this.owners = owners;
        this.claims = claims;
        this.issuance = issuance;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!policies.all().isEmpty()) {
            return;
        }
        SystemIdentity.runAs("demo-seed", this::seed, Role.ADMIN, Role.SERVICE_CENTER, Role.WARRANTY);
    }

    private void seed() {
        LocalDate since = LocalDate.of(2020, 1, 1);
        policy(PHONE, since, 24, StartRule.FROM_PURCHASE, 0,
                EnumSet.of(DISPLAY, BATTERY, POWER, SENSOR, MECHANICAL, CONNECTIVITY, SOFTWARE),
                EnumSet.of(WATER_DAMAGE, PHYSICAL_DAMAGE), true, true, 3);
        policy(CHARGER, since, 24, StartRule.EARLIER_OF_PURCHASE_AND_MANUFACTURE_PLUS_GRACE, 90,
                EnumSet.of(POWER, MECHANICAL, OTHER), EnumSet.of(WATER_DAMAGE, PHYSICAL_DAMAGE), true, false, 1);
        policy(PUMP, since, 36, StartRule.FROM_MANUFACTURE, 0,
                EnumSet.of(POWER, SENSOR, MECHANICAL, LEAK, DISPLAY, SOFTWARE, BATTERY), EnumSet.of(PHYSICAL_DAMAGE),
                true, true, 5);
        policy(METER, since, 24, StartRule.FROM_PURCHASE, 0, EnumSet.of(SENSOR, DISPLAY, BATTERY, POWER),
                EnumSet.of(WATER_DAMAGE), true, true, 2);
        policy(CALIPER, since, 24, StartRule.FROM_PURCHASE, 0, EnumSet.of(MECHANICAL, LEAK),
                EnumSet.of(PHYSICAL_DAMAGE), true, true, 2);
        policy(HEADLAMP, since, 36, StartRule.EARLIER_OF_PURCHASE_AND_MANUFACTURE_PLUS_GRACE, 180,
                EnumSet.of(POWER, MECHANICAL, LEAK, OTHER), EnumSet.of(WATER_DAMAGE, PHYSICAL_DAMAGE), true, true, 2);

        var phones = serials("A2611", 400);
        var chargers = serials("V2610", 100);
        var calipers = serials("ST2611", 60);
        var pumps = serials("CP2609", 20);
        LocalDate today = LocalDate.now(clock);

        // Owners: phones 10..209, chargers 0..39, calipers 0..29
        for (int i = 10; i < 210 && i < phones.size(); i++) {
            register(PHONE, phones.get(i), i, today.minusDays(6 + i % 10), "Elektro Markt Munich");
        }
        for (int i = 0; i < 40 && i < chargers.size(); i++) {
            register(CHARGER, chargers.get(i), 1000 + i, today.minusDays(20 + i % 15), "Online shop");
        }
        for (int i = 0; i < 30 && i < calipers.size(); i++) {
            register(CALIPER, calipers.get(i), 2000 + i, today.minusDays(3 + i % 5), "Autoteile Pilsen");
        }
        // A second person registers phone 12: kept as a conflict for review, the owner stays
        owners.register(new NewRegistration(PHONE, phones.get(12).value(), today.minusDays(2), "Marketplace",
                "Mallory Second", "mallory@example.net", null, null), RegistrationChannel.PORTAL);

        // Lot A2611: elevated display failures (24 of 500 units), a few battery claims
        for (int i = 10; i < 34; i++) {
            claim(PHONE, phones.get(i), DISPLAY, today.minusDays(1 + (i * 7) % 5), i, "Display flickers, then stays black");
        }
        for (int i = 40; i < 43; i++) {
            claim(PHONE, phones.get(i), BATTERY, today.minusDays(2 + i % 3), i, "Battery drains within hours");
        }
        claim(PHONE, phones.get(11), DISPLAY, today.minusDays(1), 11, "Display black again"); // duplicate: review
        claim(PHONE, phones.get(50), WATER_DAMAGE, today.minusDays(1), 50, "Dropped into a lake"); // excluded: denied
        claims.submit(new NewClaim(PHONE, phones.get(60).value(), "DISPLAY", today.minusDays(1), "Someone Else",
                "someone@example.org", "Cracked display after one week", "DEMO-X60"), ClaimChannel.PORTAL); // not the owner
        claim(PHONE, phones.get(1).value(), DISPLAY, today.minusDays(1), 1, "Unit reported destroyed"); // destroyed: denied
        // Other lots: background rates
        for (int i = 0; i < 3; i++) {
            claim(CHARGER, chargers.get(i), POWER, today.minusDays(3 + i), 1000 + i, "No output");
        }
        for (int i = 0; i < 2; i++) {
            claim(CALIPER, calipers.get(i), MECHANICAL, today.minusDays(1), 2000 + i, "Piston sticks");
        }
        if (!pumps.isEmpty()) {
            // the hospital registered its pump: a claim on a unit never sold or registered would wait for review
            owners.register(new NewRegistration(PUMP, pumps.getFirst().value(), today.minusDays(30), "MedTech Direct",
                    "St. Mary Hospital", "biomed@stmary.example", null, null), RegistrationChannel.PORTAL);
            claims.submit(new NewClaim(PUMP, pumps.getFirst().value(), "SENSOR", today.minusDays(4), "St. Mary Hospital",
                    "biomed@stmary.example", "Occlusion sensor alarms without cause", "DEMO-P0"), ClaimChannel.PORTAL);
        }
    }

    private void policy(String gtin, LocalDate from, int months, StartRule rule, int grace, EnumSet<DefectCode> covered,
                        EnumSet<DefectCode> excluded, boolean parts, boolean labour, int limit) {
        policies.addVersion(new NewPolicyVersion(gtin, from, months, rule, grace, covered, excluded, parts, labour, limit,
                "Demo policy"));
    }

    private void register(String gtin, SerialNumber serial, int n, LocalDate purchase, String retailer) {
        owners.register(new NewRegistration(gtin, serial.value(), purchase, retailer, "Demo Owner " + n,
                "owner" + n + "@example.com", null, null), RegistrationChannel.PORTAL);
    }

    private void claim(String gtin, SerialNumber serial, DefectCode defect, LocalDate failure, int owner, String text) {
        claim(gtin, serial.value(), defect, failure, owner, text);
    }

    private void claim(String gtin, String serial, DefectCode defect, LocalDate failure, int owner, String text) {
        claims.submit(new NewClaim(gtin, serial, defect.name(), failure, "Demo Owner " + owner,
                "owner" + owner + "@example.com", text, null), ClaimChannel.PORTAL);
    }

    private List<SerialNumber> serials(String lot, int count) {
        return issuance.latestBatches(100).stream().filter(b -> b.lot().equals(lot)).findFirst()
                .map(BatchView::batchId).map(id -> issuance.serials(id, 0, count)).orElse(List.of());
    }
}
