package org.serialregistry.returns;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.Sales;
import org.serialregistry.custody.Shipping;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.VerificationMvc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.serialregistry.warranty.WarrantyTestUnits.as;
import static org.serialregistry.warranty.WarrantyTestUnits.phones;

/** What the returns stories share: the demo keys, MockMvc, and phones that reached the distributor DIST-DE. */
public abstract class ReturnsMvcTest {

    static final String SERVICE = "Bearer sr_demosvce_ServiceDemoKeyNotForProduction";
    static final String DISTRIBUTOR = "Bearer sr_demodist_DistributorDemoKeyNotForProduction";
    static final String QUALITY = "Bearer sr_demoqual_QualityDemoKeyNotForProduction";
    static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String WARRANTY = "Bearer sr_demowarr_WarrantyDemoKeyNotForProduction";

    @Autowired
    WebApplicationContext context;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Shipping shipping;
    @Autowired
    Receiving receiving;
    @Autowired
    Sales sales;
    @Autowired
    Units units;
    @Autowired
    AlertCases cases;

    MockMvc mvc;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUpMvc() {
        mvc = VerificationMvc.of(context);
    }

    /** Phones made on {@code made} that the manufacturer shipped to DIST-DE, which received them. */
    List<SerialNumber> phonesAtDistributor(int n, LocalDate made) {
        return phonesAtDistributor(issuance, shipping, receiving, n, made);
    }

    public static List<SerialNumber> phonesAtDistributor(SerialIssuance issuance, Shipping shipping, Receiving receiving, int n,
                                                         LocalDate made) {
        var serials = phones(issuance, n, made);
        var texts = serials.stream().map(SerialNumber::value).toList();
        var shipment = as("admin", () -> shipping.ship(NewShipment.of("RS-" + System.nanoTime(), "MFG-DE", "DIST-DE",
                texts)), "ADMIN");
        as("distributor", () -> receiving.receive(shipment.id(), texts), "DISTRIBUTOR");
        return serials;
    }
}
