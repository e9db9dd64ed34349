package org.serialregistry.factors;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.MasterData;
import org.serialregistry.serial.NewProduct;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.serial.RiskClass;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.warranty.WarrantyTestUnits;

/** A fresh product of its own (so no other test sees its factors) with a few issued units. */
record FactorTestUnits(Gtin gtin, String lot, List<SerialNumber> serials) {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000));

    static FactorTestUnits create(MasterData masterData, SerialIssuance issuance, SecondFactors factors,
                                  Set<SecondFactor> carried, int quantity) {
        String gtin = withCheckDigit("0950617" + String.format("%06d", NEXT.incrementAndGet() % 1_000_000));
        String lot = "F" + NEXT.incrementAndGet();
        return WarrantyTestUnits.as("production", () -> {
            masterData.createProduct(new NewProduct(gtin, "Secure drive " + gtin.substring(8), ProductCategory.ELECTRONICS,
                    RiskClass.HIGH_VALUE, Set.of("DE"), ""));
            factors.configure(new Gtin(gtin), carried.isEmpty() ? EnumSet.noneOf(SecondFactor.class) : EnumSet.copyOf(carried));
            var batch = issuance.issue(new IssueBatchRequest(gtin, lot, "DE-MUC", "L2", quantity, LocalDate.now().minusDays(3),
                    null, "DE", null), null, true).batch();
            return new FactorTestUnits(new Gtin(gtin), lot, issuance.serials(batch.id(), 0, quantity));
        }, "PRODUCTION");
    }

    static String withCheckDigit(String thirteen) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            int d = thirteen.charAt(12 - i) - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        return thirteen + (10 - sum % 10) % 10;
    }

    String link(int unit) {
        return "/01/" + gtin.value() + "/21/" + serials.get(unit).value();
    }
}
