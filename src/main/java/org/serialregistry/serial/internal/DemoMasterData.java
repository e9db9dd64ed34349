package org.serialregistry.serial.internal;

import org.serialregistry.security.SystemIdentity;
import org.serialregistry.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import org.serialregistry.serial.BatchView;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.RiskClass;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode: a small catalogue of products, facilities and lines, and a few issued batches with a
 * recalled lot, a destroyed and a stolen unit, which the README's examples use.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
class DemoMasterData implements ApplicationRunner {

    private final Clock clock;
    private final MasterData masterData;
    private final FacilityRepository facilities;
    private final SerialIssuance issuance;
    private final Units units;

    DemoMasterData(MasterData masterData, FacilityRepository facilities, SerialIssuance issuance, Units units,
                   Clock clock) {
        this.clock = clock;
        this.masterData = masterData;
        this.facilities = facilities;
        this.issuance = issuance;
        this.units = units;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (facilities.count() > 0) {
            return;
        }
        // Seeding goes through the service like any change, so it is validated and audited as "demo-seed"
        SystemIdentity.runAs("demo-seed", this::seed, Role.ADMIN);
    }

    private void seed() {
        masterData.createFacility("DE-MUC", 1, "Munich electronics plant", "DE");
        masterData.addLine("DE-MUC", "L1", 1, "SMT line 1");
        masterData.addLine("DE-MUC", "L2", 2, "SMT line 2");
        masterData.addLine("DE-MUC", "L3", 3, "Final assembly");
        masterData.createFacility("US-AUS", 2, "Austin medical devices", "US");
        masterData.addLine("US-AUS", "L1", 1, "Clean room 1");
        masterData.addLine("US-AUS", "L2", 2, "Clean room 2");
        masterData.createFacility("CZ-PLZ", 3, "Pilsen automotive parts", "CZ");
        masterData.addLine("CZ-PLZ", "L1", 1, "Brake line");

        masterData.createProduct(new NewProduct("09506000134352", "Aurora X2 smartphone", ProductCategory.ELECTRONICS,
                RiskClass.HIGH_VALUE, Set.of("DE", "FR", "NL", "AT"), null));
        masterData.createProduct(new NewProduct("04006381333931", "Volt 65W USB-C charger", ProductCategory.ELECTRONICS,
                RiskClass.STANDARD, Set.of("DE", "FR", "GB", "US"), null));
        masterData.createProduct(new NewProduct("07612345000015", "CardioPace infusion pump", ProductCategory.MEDICAL_DEVICE,
                RiskClass.HIGH_VALUE, Set.of("US"), null));
        masterData.createProduct(new NewProduct("07612345000022", "GlucoSense meter", ProductCategory.MEDICAL_DEVICE,
                RiskClass.STANDARD, Set.of("US", "CA"), null));
        masterData.createProduct(new NewProduct("07612345000039", "StopTec front brake caliper", ProductCategory.AUTOMOTIVE,
                RiskClass.HIGH_VALUE, Set.of("DE", "CZ", "PL", "AT"), null));
        masterData.createProduct(new NewProduct("07612345000046", "LumiDrive LED headlamp", ProductCategory.AUTOMOTIVE,
                RiskClass.STANDARD, Set.of("DE", "FR", "IT"), null));

        LocalDate today = LocalDate.now(clock);
        issue("09506000134352", "A2611", "DE-MUC", "L1", 500, today.minusDays(20), null, "DE");
        issue("04006381333931", "V2610", "DE-MUC", "L2", 300, today.minusDays(45), null, "GB");
        issue("07612345000015", "CP2609", "US-AUS", "L1", 100, today.minusDays(70), today.plusYears(3), "US");
        issue("07612345000022", "G2608", "US-AUS", "L2", 50, today.minusDays(100), today.plusYears(2), "US");
        issue("07612345000039", "ST2611", "CZ-PLZ", "L1", 200, today.minusDays(10), null, "DE");

        // A few units with a story, so the registry's answers can be seen at once
        units.recallLot(new Gtin("07612345000022"), new LotNumber("G2608"), "Sensor drift above tolerance");
        var phones = issuance.serials(issuance.latestBatches(10).stream()
                .filter(b -> b.lot().equals("A2611")).findFirst().orElseThrow().id(), 0, 3);
        units.changeStatus(phones.get(1), UnitStatus.DESTROYED, "Destroyed after failed drop test");
        units.changeStatus(phones.get(2), UnitStatus.STOLEN, "Reported stolen from the Munich warehouse");
    }

    private BatchView issue(String gtin, String lot, String facility, String line, int quantity, LocalDate day,
                            LocalDate expiry, String market) {
        return issuance.issue(new IssueBatchRequest(gtin, lot, facility, line, quantity, day, expiry, market, null),
                "demo-" + gtin + "-" + lot, true).batch();
    }
}
