package org.serialregistry.verification;

import java.time.LocalDate;
import java.util.List;

import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.internal.SerialCodec;
import org.serialregistry.serial.internal.SerialFields;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;

/** Codes from the demo data that the stories below scan. */
record DemoCodes(String genuinePhone, String destroyedPhone, String stolenPhone, String recalledMeter,
                 String forgedPhone, String neverIssuedPhone, String charger) {

    static final String PHONE = "09506000134352";
    static final String METER = "07612345000022";
    static final String CHARGER = "04006381333931";

    static DemoCodes from(SerialIssuance issuance, SerialCodec codec) {
        var batches = issuance.latestBatches(100_000); // the demo lots, however many batches tests issued since
        List<SerialNumber> phones = issuance.serials(batches.stream().filter(b -> b.lot().equals("A2611")).findFirst()
                .orElseThrow().id(), 0, 10);
        List<SerialNumber> meters = issuance.serials(batches.stream().filter(b -> b.lot().equals("G2608")).findFirst()
                .orElseThrow().id(), 0, 1);
        List<SerialNumber> chargers = issuance.serials(batches.stream().filter(b -> b.lot().equals("V2610")).findFirst()
                .orElseThrow().id(), 0, 1);
        String genuine = phones.get(5).value();
        char last = genuine.charAt(19);
        String forged = genuine.substring(0, 19) + (last == 'A' ? 'B' : 'A');
        // A valid tag for a unit the registry never issued: what a leaked key would produce
        String neverIssued = codec.issue(new Gtin(PHONE), new SerialFields(1, 3, LocalDate.of(2020, 1, 2), 4711));
        return new DemoCodes(genuine, phones.get(1).value(), phones.get(2).value(), meters.getFirst().value(), forged,
                neverIssued, chargers.getFirst().value());
    }

    static String link(String gtin, String serial) {
        return "/01/" + gtin + "/21/" + serial;
    }
}
