package org.serialregistry.custody.internal;

import org.serialregistry.security.SystemIdentity;
import org.serialregistry.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.serialregistry.custody.CustodyRefusedException;
import org.serialregistry.custody.NewParty;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.Parties;
import org.serialregistry.custody.PartyType;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.Sales;
import org.serialregistry.custody.Shipping;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode: the parties of the supply chain and a little custody history of the demo phones
 * (lot A2611): MFG-DE ships to DIST-DE, which passes some to retailer RET-DE-01 (two sold) and
 * one out of market to DIST-US (a diversion); a shipment to DIST-DE waits to be received; and
 * DIST-FR's attempt to ship a phone it never held was refused. Users {@code distributor},
 * {@code service} and {@code production} act for DIST-DE, SVC-DE and MFG-DE (as do their demo keys).
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "serial-registry.demo.enabled", havingValue = "true")
class DemoCustody implements ApplicationRunner {

    static final String PHONE = "09506000134352";
    private static final Logger log = LoggerFactory.getLogger(DemoCustody.class);

    private final Parties parties;
    private final Shipping shipping;
    private final Receiving receiving;
    private final Sales sales;
    private final SerialIssuance issuance;

    DemoCustody(Parties parties, Shipping shipping, Receiving receiving, Sales sales, SerialIssuance issuance) {
        this.parties = parties;
        this.shipping = shipping;
        this.receiving = receiving;
        this.sales = sales;
        this.issuance = issuance;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemIdentity.runAs("demo-seed", () -> {
            if (parties.find("MFG-DE").isEmpty()) {
                seed();
            } else if (parties.partyOfUser("production").isEmpty()) {
                // demo data seeded before production users were bound to their plant
                parties.bindUser("production", "MFG-DE");
            }
        }, Role.ADMIN);
    }

    private void seed() {
        parties.create(new NewParty("MFG-DE", "Munich electronics plant", PartyType.MANUFACTURER_SITE, "DE",
                Set.of("DE", "AT", "FR", "NL", "GB", "US", "CA", "IT", "CZ", "PL"), "DE-MUC"));
        parties.create(new NewParty("MFG-US", "Austin medical devices plant", PartyType.MANUFACTURER_SITE, "US",
                Set.of("US", "CA"), "US-AUS"));
        parties.create(new NewParty("MFG-CZ", "Pilsen automotive parts plant", PartyType.MANUFACTURER_SITE, "CZ",
                Set.of("CZ", "DE", "AT", "PL", "FR", "IT"), "CZ-PLZ"));
        parties.create(new NewParty("DIST-DE", "Rhein Distribution GmbH", PartyType.DISTRIBUTOR, "DE",
                Set.of("DE", "AT"), null));
        parties.create(new NewParty("DIST-US", "Lone Star Supply Inc.", PartyType.DISTRIBUTOR, "US",
                Set.of("US", "CA"), null));
        parties.create(new NewParty("DIST-FR", "Distribution Hexagone SAS", PartyType.DISTRIBUTOR, "FR",
                Set.of("FR", "NL"), null));
        parties.create(new NewParty("RET-DE-01", "Elektro Markt Köln", PartyType.RETAILER, "DE", Set.of("DE"), null));
        parties.create(new NewParty("RET-AT-01", "Technik Wien", PartyType.RETAILER, "AT", Set.of("AT"), null));
        parties.create(new NewParty("SVC-DE", "Service Centre Frankfurt", PartyType.SERVICE_CENTRE, "DE",
                Set.of("DE"), null));
        parties.bindUser("distributor", "DIST-DE");
        parties.bindUser("service", "SVC-DE");
        parties.bindUser("production", "MFG-DE");
        // Phones made for Germany may also be sold in Austria (one distribution region)
        parties.setExtraMarkets(PHONE, Set.of("AT"), "DACH distribution region");

        var batch = issuance.latestBatches(100).stream().filter(b -> b.lot().equals("A2611")).findFirst();
        if (batch.isEmpty()) {
            return;
        }
        // serials 0..2 are the recall demo's units (1 destroyed, 2 stolen); the story starts at 3
        var phones = issuance.serials(batch.get().batchId(), 0, 40).stream().map(SerialNumber::value).toList();
        var first = shipping.ship(new NewShipment("DEMO-SH-001", "MFG-DE", "DIST-DE", phones.subList(3, 23), List.of(),
                Map.of("po", "PO-DE-4711"), null));
        receiving.receive(first.id(), phones.subList(3, 23));
        var retail = shipping.ship(new NewShipment("DEMO-SH-002", "DIST-DE", "RET-DE-01", phones.subList(3, 8),
                List.of(), Map.of("po", "PO-RET-88"), null));
        receiving.receive(retail.id(), phones.subList(3, 8));
        sales.sell("RET-DE-01", phones.subList(3, 5), "INV-2026-0001");
        var diverted = shipping.ship(new NewShipment("DEMO-SH-003", "DIST-DE", "DIST-US", phones.subList(8, 9),
                List.of(), Map.of("po", "PO-US-19"), null));
        receiving.receive(diverted.id(), phones.subList(8, 9));
        shipping.ship(new NewShipment("DEMO-SH-004", "MFG-DE", "DIST-DE", phones.subList(23, 33), List.of(),
                Map.of("po", "PO-DE-4712"), null));
        try {
            shipping.ship(NewShipment.of("DEMO-SH-REFUSED", "DIST-FR", "RET-DE-01", phones.subList(9, 10)));
        } catch (CustodyRefusedException expected) {
            log.debug("Demo refusal recorded: {}", expected.getMessage());
        }
    }
}
