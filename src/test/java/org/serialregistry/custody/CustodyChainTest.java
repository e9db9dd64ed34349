package org.serialregistry.custody;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Units pass from party to party; the chain of custody records every hand-over and refuses the impossible ones. */
@IntegrationTest
@WithMockUser(username = "cora", roles = {"ADMIN", "PRODUCTION"})
class CustodyChainTest {

    static final String PHONE = "09506000134352";
    static final AtomicInteger LOTS = new AtomicInteger();

    @Autowired
    Shipments shipments;
    @Autowired
    Shipping shipping;
    @Autowired
    Receiving receiving;
    @Autowired
    Sales sales;
    @Autowired
    Custody custody;
    @Autowired
    DiversionAlerts diversionAlerts;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    JdbcTemplate jdbc;

    /** A fresh lot of phones made in Munich for Germany. */
    List<String> phones(int n) {
        var batch = issuance.issue(new IssueBatchRequest(PHONE, "CU" + LOTS.incrementAndGet() + "X" + System.nanoTime() % 10000,
                "DE-MUC", "L2", n, LocalDate.now().minusDays(3), null, "DE", null), null, true).batch();
        return issuance.serials(batch.id(), 0, n).stream().map(SerialNumber::value).toList();
    }

    static String number(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    static String forge(String serial) {
        char last = serial.charAt(serial.length() - 1);
        return serial.substring(0, serial.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    @Test
    void aDistributorReceivesAShipmentWithAMissingAnExtraAndAForgedSerialAndGetsTheRightReport() {
        var units10 = phones(12);
        var shipped = units10.subList(0, 10);
        String extra = units10.get(11);
        var sh = shipping.ship(new NewShipment(number("SH"), "MFG-DE", "DIST-DE", shipped, List.of(),
                Map.of("po", "PO-1"), null));
        assertThat(sh.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(custody.holderOf(shipped.getFirst()).orElseThrow().state()).isEqualTo(CustodyState.IN_TRANSIT);

        var scanned = new ArrayList<>(shipped.subList(0, 9));   // the tenth is missing
        scanned.add(extra);                                      // genuine, never shipped here
        String forged = forge(shipped.get(9));
        scanned.add(forged);                                     // a copy with a wrong tag
        scanned.add("not a serial!");

        var report = receiving.receive(sh.id(), scanned);

        assertThat(report.count(ReceiptOutcome.EXPECTED)).isEqualTo(9);
        assertThat(report.lines()).anySatisfy(l -> {
            assertThat(l.serial()).isEqualTo(shipped.get(9));
            assertThat(l.outcome()).isEqualTo(ReceiptOutcome.MISSING);
        });
        assertThat(report.lines()).anySatisfy(l -> {
            assertThat(l.serial()).isEqualTo(extra);
            assertThat(l.outcome()).isEqualTo(ReceiptOutcome.NOT_IN_SHIPMENT);
            assertThat(l.detail()).contains("MFG-DE");
        });
        assertThat(report.lines()).filteredOn(l -> l.outcome() == ReceiptOutcome.NOT_GENUINE)
                .extracting(ReceiptLine::code).containsExactlyInAnyOrder(forged, "not a serial!");
        assertThat(report.shipment().status()).isEqualTo(ShipmentStatus.RECEIVED_WITH_DIFFERENCES);
        assertThat(report.shipment().missingCount()).isEqualTo(1);
        assertThat(report.shipment().notGenuineCount()).isEqualTo(2);

        // the differences are stored with the receipt, not lost
        assertThat(shipments.receiptLines(sh.id())).hasSize(report.lines().size());
        // received units are now held by the distributor; the missing one is still in transit
        assertThat(custody.holderOf(shipped.getFirst()).orElseThrow().holder()).isEqualTo("DIST-DE");
        assertThat(custody.holderOf(shipped.getFirst()).orElseThrow().state()).isEqualTo(CustodyState.HELD);
        assertThat(custody.holderOf(shipped.get(9)).orElseThrow().state()).isEqualTo(CustodyState.IN_TRANSIT);
        // the event log says the same: shipping then receiving
        assertThat(units.history(new SerialNumber(shipped.getFirst()))).extracting(e -> e.bizStep())
                .containsSubsequence(BusinessStep.SHIPPING, BusinessStep.RECEIVING);

        assertThatThrownBy(() -> receiving.receive(sh.id(), shipped))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already received");
    }

    @Test
    void aTransferFromAPartyThatDoesNotHoldTheUnitsIsRefusedAndKeptAsASignal() {
        var list = phones(3);
        var sh = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "DIST-DE", list));
        receiving.receive(sh.id(), list);
        String refusedNumber = number("FAKE");

        assertThatThrownBy(() -> shipping.ship(NewShipment.of(refusedNumber, "DIST-FR", "RET-DE-01", list)))
                .isInstanceOf(CustodyRefusedException.class)
                .hasMessageContaining("DIST-FR does not hold 3 of the 3 units")
                .hasMessageContaining("is held by DIST-DE");

        assertThat(shipments.findByNumber(refusedNumber)).isEmpty();
        assertThat(custody.holderOf(list.getFirst()).orElseThrow().holder()).isEqualTo("DIST-DE");
        assertThat(custody.refusals(10)).anySatisfy(r -> {
            assertThat(r.shipmentNumber()).isEqualTo(refusedNumber);
            assertThat(r.fromParty()).isEqualTo("DIST-FR");
            assertThat(r.refusedCount()).isEqualTo(3);
            assertThat(r.sampleSerials()).contains(list.getFirst());
        });
    }

    @Test
    void aUnitShippedOutOfItsMarketRaisesADiversionAlertNamingTheLastLegitimateHolder() {
        var list = phones(2);
        var in = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "DIST-DE", list));
        receiving.receive(in.id(), list);
        var out = shipping.ship(NewShipment.of(number("SH"), "DIST-DE", "DIST-US", list.subList(0, 1)));
        assertThat(out.divertedCount()).isEqualTo(1);
        receiving.receive(out.id(), list.subList(0, 1));

        var alerts = diversionAlerts.find(List.of(), list.getFirst(), null, 10);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.lastLegitimateHolder()).isEqualTo("DIST-DE");
            assertThat(a.destinationParty()).isEqualTo("DIST-US");
            assertThat(a.seenMarket()).isEqualTo("US");
            assertThat(a.reason()).contains("outside the unit's intended market DE");
        });
        // passed on further by the diverting party, the alert still names DIST-DE
        var onward = shipping.ship(NewShipment.of(number("SH"), "DIST-US", "DIST-FR", list.subList(0, 1)));
        assertThat(onward.divertedCount()).isEqualTo(1);
        assertThat(diversionAlerts.find(List.of(), list.getFirst(), null, 10)).allSatisfy(a ->
                assertThat(a.lastLegitimateHolder()).isEqualTo("DIST-DE"));
        assertThat(diversionAlerts.find(List.of(), list.get(1), null, 10)).isEmpty();
    }

    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void aGenuineUnitVerifiedOutsideItsMarketRaisesADiversionAlertNamingTheLastLegitimateHolder() throws Exception {
        var list = phones(1);
        var in = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "DIST-DE", list));
        receiving.receive(in.id(), list);
        var scan = new org.serialregistry.verification.UnitScanned(java.util.UUID.randomUUID(), java.time.Instant.now(),
                PHONE, list.getFirst(), org.serialregistry.verification.ScanOutcome.GENUINE, "client", "session",
                new org.serialregistry.shared.CountryCode("US"), null, null, "mobile", UnitStatus.ACTIVE);
        tx.executeWithoutResult(s -> publisher.publishEvent(new org.serialregistry.verification.ScansRecorded(
                List.of(scan, scan))));
        await().pollInSameThread().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !diversionAlerts.find(List.of(), list.getFirst(), null, 10).isEmpty());
        assertThat(diversionAlerts.find(List.of(), list.getFirst(), null, 10)).singleElement().satisfies(a -> {
            assertThat(a.source()).isEqualTo("SCAN");
            assertThat(a.seenMarket()).isEqualTo("US");
            assertThat(a.lastLegitimateHolder()).isEqualTo("DIST-DE");
        });
    }

    @Test
    void aShipmentToAnExceptionMarketOfTheProductIsNoDiversion() {
        var list = phones(1);
        var in = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "DIST-DE", list));
        receiving.receive(in.id(), list);
        var toAustria = shipping.ship(NewShipment.of(number("SH"), "DIST-DE", "RET-AT-01", list));
        assertThat(toAustria.divertedCount()).isZero();
    }

    @Test
    void sellingAndShippingAUnitNotYetReceivedAreRefusedForTheSameReasonInTheSameWords() {
        var list = phones(1);
        shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "RET-DE-01", list));
        String inTransit = "is in transit from MFG-DE to RET-DE-01 and not yet received";

        assertThatThrownBy(() -> sales.sell("RET-DE-01", list, "INV-8"))
                .isInstanceOf(CustodyRefusedException.class).hasMessageContaining(inTransit);
        assertThatThrownBy(() -> shipping.ship(NewShipment.of(number("SH"), "RET-DE-01", "DIST-DE", list)))
                .isInstanceOf(CustodyRefusedException.class).hasMessageContaining(inTransit);
    }

    @Test
    void theSaleToTheEndCustomerClosesTheChain() {
        var list = phones(2);
        var in = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "RET-DE-01", list));
        receiving.receive(in.id(), list);
        assertThat(sales.sell("RET-DE-01", list.subList(0, 1), "INV-7")).isEqualTo(1);

        assertThat(units.find(new SerialNumber(list.getFirst())).orElseThrow().status()).isEqualTo(UnitStatus.SUPPLIED);
        assertThat(custody.holderOf(list.getFirst()).orElseThrow().state()).isEqualTo(CustodyState.SOLD);
        assertThatThrownBy(() -> shipping.ship(NewShipment.of(number("SH"), "RET-DE-01", "DIST-DE", list.subList(0, 1))))
                .isInstanceOf(CustodyRefusedException.class).hasMessageContaining("sold to an end customer");
    }

    @Test
    void theChannelHomeCountsEachHandOverOnceAlsoAfterARebuild() {
        var list = phones(3);
        var before = volumes();
        var in = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "DIST-DE", list));
        receiving.receive(in.id(), list);
        var onwards = shipping.ship(NewShipment.of(number("SH"), "DIST-DE", "RET-DE-01", list.subList(0, 2)));
        receiving.receive(onwards.id(), list.subList(0, 2));
        sales.sell("RET-DE-01", list.subList(0, 1), "INV-8");
        custody.rebuild(list.getFirst());

        var after = volumes();
        assertThat(after.get("MFG-DE").passedOn() - before.get("MFG-DE").passedOn()).isEqualTo(3);
        assertThat(after.get("DIST-DE").received() - before.get("DIST-DE").received()).isEqualTo(3);
        assertThat(after.get("DIST-DE").passedOn() - before.get("DIST-DE").passedOn()).isEqualTo(2);
        assertThat(after.get("RET-DE-01").received() - before.get("RET-DE-01").received()).isEqualTo(2);
        assertThat(after.get("RET-DE-01").passedOn() - before.get("RET-DE-01").passedOn()).as("sold").isEqualTo(1);
    }

    java.util.Map<String, Custody.PartyVolume> volumes() {
        var map = new java.util.HashMap<String, Custody.PartyVolume>();
        for (var p : List.of("MFG-DE", "DIST-DE", "RET-DE-01")) {
            map.put(p, new Custody.PartyVolume(p, p, null, 0, 0, 0));
        }
        custody.volumes().forEach(v -> map.put(v.party(), v));
        return map;
    }

    @Test
    void custodyIsDerivableFromTheEventLogAlone() {
        var list = phones(2);
        var in = shipping.ship(NewShipment.of(number("SH"), "MFG-DE", "DIST-DE", list));
        receiving.receive(in.id(), list);
        shipping.ship(NewShipment.of(number("SH"), "DIST-DE", "DIST-FR", list.subList(0, 1)));
        var before = custody.holderOf(list.getFirst()).orElseThrow();
        var timeline = custody.timeline(list.getFirst());

        jdbc.update("delete from unit_custody where serial = ?", list.getFirst());
        jdbc.update("delete from custody_movement where serial = ?", list.getFirst());
        assertThat(custody.holderOf(list.getFirst()).orElseThrow().moved()).isFalse();

        var rebuilt = custody.rebuild(list.getFirst()).orElseThrow();
        assertThat(rebuilt).isEqualTo(before);
        assertThat(custody.timeline(list.getFirst())).usingRecursiveFieldByFieldElementComparatorIgnoringFields()
                .containsExactlyElementsOf(timeline);
    }

    @Test
    void badInputIsRefusedWithAReasonAndNothingIsWritten() {
        var list = phones(2);
        String n = number("SH");
        assertThatThrownBy(() -> shipping.ship(NewShipment.of(n, "MFG-DE", "NOBODY", list)))
                .hasMessage("to: no party with code 'NOBODY'");
        assertThatThrownBy(() -> shipping.ship(NewShipment.of(n, "MFG-DE", "DIST-DE", List.of("ABC", "bad serial!"))))
                .hasMessageStartingWith("serials: 'bad serial!' is not a serial");
        assertThatThrownBy(() -> shipping.ship(NewShipment.of(n, "MFG-DE", "DIST-DE", List.of("ABCDEF"))))
                .hasMessageContaining("never issued");
        shipping.ship(NewShipment.of(n, "MFG-DE", "DIST-DE", list));
        assertThatThrownBy(() -> shipping.ship(NewShipment.of(n, "MFG-DE", "DIST-FR", phones(1))))
                .hasMessageStartingWith("shipmentNumber: shipment " + n + " already exists");
        assertThatThrownBy(() -> receiving.receive(new ShipmentId(987654321L), list))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("was ever sent");
        assertThat(jdbc.queryForObject("select count(*) from shipment where shipment_number = ?", Integer.class, n))
                .isEqualTo(1);
    }
}
