package org.serialregistry.custody;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channel managers upload shipment manifests from Excel: all rows apply, or none and every bad row is named. */
@IntegrationTest
@WithMockUser(username = "chris", roles = {"CHANNEL", "PRODUCTION"})
class ManifestUploadTest {

    @Autowired
    ManifestImport manifests;
    @Autowired
    Shipments shipments;
    @Autowired
    Shipping shipping;
    @Autowired
    Receiving receiving;
    @Autowired
    SerialIssuance issuance;

    List<String> phones(int n) {
        var batch = issuance.issue(new IssueBatchRequest("09506000134352", "MF" + System.nanoTime() % 100000, "DE-MUC",
                "L2", n, LocalDate.now().minusDays(7), null, "DE", null), null, true).batch();
        return issuance.serials(batch.id(), 0, n).stream().map(SerialNumber::value).toList();
    }

    static byte[] xlsx(String[]... rows) throws Exception {
        try (var wb = new SXSSFWorkbook(100)) {
            var sheet = wb.createSheet("Manifest");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            var out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    static final String[] HEADER = {"shipment_number", "from", "to", "serial", "po"};

    @Test
    void aValidManifestCreatesEveryShipmentInIt() throws Exception {
        var s = phones(3);
        String a = "MAN-A-" + System.nanoTime();
        String b = "MAN-B-" + System.nanoTime();
        var result = manifests.importManifest(new ByteArrayInputStream(xlsx(HEADER,
                new String[]{a, "MFG-DE", "DIST-DE", s.get(0), "PO-9"},
                new String[]{a, "MFG-DE", "DIST-DE", s.get(1), "PO-9"},
                new String[]{"", ""},
                new String[]{b, "mfg-de", "dist-fr", s.get(2), ""})));

        assertThat(result.applied()).isTrue();
        assertThat(result.emptyRows()).isEqualTo(1);
        assertThat(result.shipments()).extracting(ShipmentView::shipmentNumber).containsExactly(a, b);
        assertThat(shipments.findByNumber(a).orElseThrow().unitCount()).isEqualTo(2);
        assertThat(shipments.findByNumber(a).orElseThrow().references()).containsEntry("po", "PO-9");
        assertThat(shipments.findByNumber(b).orElseThrow().divertedCount()).isEqualTo(1);
    }

    @Test
    void oneBadRowMeansNothingIsShippedAndEveryBadRowIsListedWithItsReason() throws Exception {
        var s = phones(4);
        var held = phones(1);
        var sh = shipping.ship(NewShipment.of("MAN-HELD-" + System.nanoTime(), "MFG-DE", "DIST-DE", held));
        receiving.receive(sh.id(), held);
        String n = "MAN-BAD-" + System.nanoTime();
        var result = manifests.importManifest(new ByteArrayInputStream(xlsx(HEADER,
                new String[]{n, "MFG-DE", "DIST-DE", s.get(0)},           // row 2: fine
                new String[]{n, "MFG-DE", "NOBODY", s.get(1)},            // row 3: unknown party
                new String[]{n, "MFG-DE", "DIST-DE", "bad serial"},       // row 4
                new String[]{n, "MFG-DE", "DIST-DE", s.get(0)},           // row 5: duplicate
                new String[]{n, "MFG-DE", "DIST-DE", ""},                 // row 6: empty serial
                new String[]{n, "MFG-DE", "DIST-DE", held.getFirst()},    // row 7: held by DIST-DE
                new String[]{sh.shipmentNumber(), "MFG-DE", "DIST-DE", s.get(2)})));  // row 8: number taken

        assertThat(result.applied()).isFalse();
        assertThat(result.shipments()).isEmpty();
        // one pass (issue 16 item 1): the unit held by someone else is named with the malformed rows, not on a second upload
        assertThat(result.rejected()).extracting(ManifestImport.RejectedRow::row).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(result.rejected()).extracting(ManifestImport.RejectedRow::reason).containsExactly(
                "to: no party with code 'NOBODY'",
                "serial 'bad serial': serial number may contain only A-Z and 0-9, found U+0020 at position 4",
                "serial " + s.get(0) + " appears in an earlier row",
                "serial is empty",
                "unit " + held.getFirst() + " is held by DIST-DE, not by MFG-DE",
                "shipment " + sh.shipmentNumber() + " already exists");
        assertThat(shipments.findByNumber(n)).isEmpty();
    }

    @Test
    void aHundredThousandRowsOfGarbageAreAllRejectedAndNothingIsApplied() throws Exception {
        var rows = new String[100_001][];
        rows[0] = HEADER;
        for (int i = 1; i <= 100_000; i++) {
            rows[i] = new String[]{"G" + i + "#", "??", "DIST-DE", "x" + i};
        }
        long start = System.nanoTime();
        var result = manifests.importManifest(new ByteArrayInputStream(xlsx(rows)));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.applied()).isFalse();
        assertThat(result.rows()).isEqualTo(100_000);
        assertThat(result.rejected()).hasSize(100_000);
        assertThat(result.rejected().getFirst().reason()).startsWith("shipment_number 'G1#'");
        assertThat(millis).as("checking 100,000 rows").isLessThan(60_000);
    }

    @Test
    void aSheetWithoutTheExpectedColumnsOrNotAWorkbookAtAllIsRefusedAsAWhole() throws Exception {
        assertThatThrownBy(() -> manifests.importManifest(new ByteArrayInputStream(xlsx(
                new String[]{"serial", "qty"}, new String[]{"ABC", "1"}))))
                .hasMessageStartingWith("file: row 1 must name the columns shipment_number, from, to, serial, po");
        assertThatThrownBy(() -> manifests.importManifest(new ByteArrayInputStream("just text".getBytes())))
                .hasMessage("file: not a readable Excel workbook (.xlsx)");
        assertThatThrownBy(() -> manifests.importManifest(new ByteArrayInputStream(xlsx(HEADER))))
                .hasMessage("file: no rows under the header");
    }
}
