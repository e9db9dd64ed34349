package org.serialregistry.verification.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.verification.CounterfeitList;
import org.serialregistry.verification.CounterfeitReason;
import org.serialregistry.verification.ScanOutcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Channel managers and forensic reviewers read the scan log and keep the counterfeit list; distributors check shipments. */
@IntegrationTest
class VerificationPortalTest extends SpringBrowserlessTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CounterfeitList counterfeits;
    @Autowired
    SerialIssuance issuance;

    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    @org.junit.jupiter.api.BeforeEach
    void useThisContextsSecurity() {
        org.serialregistry.verification.VerificationMvc.useSecurityOf(context);
    }

    private void scan(String serial, ScanOutcome outcome, String country, String session) {
        // as the scan log writer stores them: codes that failed their check are not indexed by serial
        boolean failed = outcome == ScanOutcome.FORGED || outcome == ScanOutcome.MALFORMED;
        jdbc.update("insert into scan_record (id, scanned_at, gtin, serial, outcome, client_key, session_id, country, "
                        + "user_agent_class, unit_serial) values (?,?,?,?,?,?,?,?,?,?)", UUID.randomUUID(),
                Instant.now().atOffset(ZoneOffset.UTC), "09506000134352", serial, outcome.name(), "k" + session,
                session, country, "mobile", failed ? null : serial);
    }

    @Test
    @WithUserDetails("forensics")
    void theScansOfAnIssuedSerialAreFoundThroughTheIndexAndItsFailedScansByOutcome() {
        var issued = new java.util.ArrayList<String>();
        var reviewer = org.springframework.security.core.context.SecurityContextHolder.getContext();
        org.serialregistry.security.SystemIdentity.runAs("portal-test", () -> issued.add(
                org.serialregistry.counterfeit.ScanFixtures.issue(issuance, org.serialregistry.counterfeit.ScanFixtures.PHONE,
                        "PORTAL1", 1, "DE").getFirst().value()), org.serialregistry.security.Role.PRODUCTION);
        org.springframework.security.core.context.SecurityContextHolder.setContext(reviewer);
        String serial = issued.getFirst();
        scan(serial, ScanOutcome.GENUINE, "DE", "p1");
        scan(serial, ScanOutcome.GENUINE, "FR", "p2");
        scan(serial, ScanOutcome.MALFORMED, "FR", "p3"); // the right serial with a mistyped GTIN

        var view = navigate("verification/scans", ScanLogView.class);
        test(view.serial).setValue(serial);
        assertThat(test(view.grid).size()).isEqualTo(2);
        assertThat(view.totals.getText()).isEqualTo("2 scans by 2 people (anonymous sessions)");
        test(view.outcome).selectItem("Malformed");
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getCellText(0, 5)).isEqualTo("FR");
    }

    @Test
    @WithUserDetails("forensics")
    void aForensicReviewerFiltersTheScanLogBySerialAndOutcome() {
        String serial = "ZZPORTAL" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "0");
        scan(serial, ScanOutcome.FORGED, "BR", "s1");
        scan(serial, ScanOutcome.FORGED, "BR", "s1");
        scan(serial, ScanOutcome.GENUINE, "DE", "s2");

        var view = navigate("verification/scans", ScanLogView.class);
        test(view.serial).setValue(serial.toLowerCase());
        assertThat(test(view.grid).size()).isEqualTo(3);
        assertThat(view.totals.getText()).isEqualTo("3 scans by 2 people (anonymous sessions)");

        test(view.outcome).selectItem("Forged");
        assertThat(test(view.grid).size()).isEqualTo(2);
        assertThat(test(view.grid).getCellText(0, 1)).isEqualTo(serial);
        assertThat(test(view.grid).getCellText(0, 5)).isEqualTo("BR");
        test(view.outcome).selectItem("Genuine");
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getCellText(0, 5)).isEqualTo("DE");

        view.outcome.clear();
        test(view.country).setValue("DE");
        assertThat(test(view.grid).size()).isEqualTo(1);
    }

    @Test
    @WithUserDetails("channel")
    void aChannelManagerSeesScansPerDayAndPerCountryAsChartsWithTables() {
        scan("ZZSTATS1", ScanOutcome.GENUINE, "NL", "stats");
        var view = navigate("verification/statistics", ScanStatisticsView.class);
        assertThat(view.perDay.getFigures()).extracting(f -> f.label())
                .contains(java.time.LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(view.perCountry.getFigures()).extracting(f -> f.label()).contains("NL");
        assertThat(view.perCountry.getChart().getOptionJson()).contains("NL");
    }

    @Test
    @WithUserDetails("forensics")
    void aForensicReviewerPutsASerialOnTheCounterfeitListAndTakesItOffWithAReason() {
        var view = navigate("verification/counterfeits", CounterfeitListView.class);
        test($(Button.class).withText("Report a counterfeit serial").single()).click();
        test($(TextField.class).withCaption("Serial").single()).setValue("zzcloned00000001");
        @SuppressWarnings("unchecked")
        ComboBox<CounterfeitReason> reason = $(ComboBox.class).withCaption("Reason").single();
        test(reason).selectItem("Cloned code");
        test($(TextArea.class).withCaption("Note (internal)").single()).setValue("Seen on a marketplace");
        test($(Button.class).withText("Put on the list").single()).click();

        assertThat(counterfeits.isListed("ZZCLONED00000001")).isTrue();
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(1);

        var grid = test(view.grid);
        int row = java.util.stream.IntStream.range(0, grid.size())
                .filter(i -> grid.getRow(i).serial().equals("ZZCLONED00000001")).findFirst().orElseThrow();
        test((Button) grid.getCellComponent(row, 6)).click();
        test($(Button.class).withText("Take off the list").single()).click();
        assertThat(counterfeits.isListed("ZZCLONED00000001")).as("no reason given, nothing changes").isTrue();
        test($(TextArea.class).withCaption("Why").single()).setValue("Mistaken report");
        test($(Button.class).withText("Take off the list").single()).click();
        assertThat(counterfeits.isListed("ZZCLONED00000001")).isFalse();
    }

    @Test
    @WithUserDetails("channel")
    void aChannelManagerReadsTheCounterfeitListButCannotChangeIt() {
        var view = navigate("verification/counterfeits", CounterfeitListView.class);
        assertThat($(Button.class).withText("Report a counterfeit serial").exists()).isFalse();
        assertThat(view.grid.getColumns()).as("no Remove column").hasSize(6);
    }

    @Test
    @WithUserDetails("distributor")
    void aDistributorUploadsAShipmentSheetAndDownloadsTheAnswerForEachCode() throws Exception {
        var phones = issuance.serials(issuance.latestBatches(100_000).stream().filter(b -> b.lot().equals("A2611"))
                .findFirst().orElseThrow().id(), 0, 6);
        String genuine = phones.get(4).value();
        String destroyed = phones.get(1).value();
        String forged = genuine.substring(0, 19) + (genuine.charAt(19) == 'A' ? 'B' : 'A');
        byte[] upload;
        try (var wb = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("Received");
            var head = sheet.createRow(0);
            head.createCell(0).setCellValue("GTIN");
            head.createCell(1).setCellValue("Serial");
            String[][] rows = {{"09506000134352", genuine}, {"9506000134352", destroyed}, {"09506000134352", forged},
                    {"", genuine}, {"09506000134352", "not-a-serial"}};
            for (int i = 0; i < rows.length; i++) {
                var row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(rows[i][0]);
                row.createCell(1).setCellValue(rows[i][1]);
            }
            wb.write(out);
            upload = out.toByteArray();
        }

        var view = navigate("distributor/verify", DistributorVerifyView.class);
        view.start("shipment-77.xlsx", upload);
        assertThat(view.progress.isVisible()).isTrue();
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
            roundTrip();
            com.vaadin.flow.server.VaadinService.getCurrent().runPendingAccessTasks(com.vaadin.flow.server.VaadinSession.getCurrent());
            return view.resultFile() != null;
        });
        assertThat(view.status.getText()).isEqualTo("5 codes checked: 2 genuine, 3 need attention.");
        assertThat(view.progress.getValue()).isEqualTo(5.0);

        try (var result = new XSSFWorkbook(new ByteArrayInputStream(view.resultFile()))) {
            var sheet = result.getSheet("Verification");
            var f = new DataFormatter();
            assertThat(f.formatCellValue(sheet.getRow(0).getCell(5))).isEqualTo("Verdict");
            assertThat(f.formatCellValue(sheet.getRow(1).getCell(5))).isEqualTo("GENUINE");
            assertThat(f.formatCellValue(sheet.getRow(1).getCell(9))).isEqualTo("Aurora X2 smartphone");
            assertThat(f.formatCellValue(sheet.getRow(2).getCell(5))).isEqualTo("GENUINE_WITH_WARNING");
            assertThat(f.formatCellValue(sheet.getRow(2).getCell(1))).as("GTIN-13 padded").isEqualTo("09506000134352");
            assertThat(f.formatCellValue(sheet.getRow(3).getCell(5))).isEqualTo("NOT_GENUINE");
            assertThat(f.formatCellValue(sheet.getRow(3).getCell(6))).isEqualTo("No_match_GTIN_Serial");
            assertThat(f.formatCellValue(sheet.getRow(4).getCell(5))).as("serial only: GTIN found from the tag")
                    .isEqualTo("GENUINE");
            assertThat(f.formatCellValue(sheet.getRow(5).getCell(5))).isEqualTo("INVALID");
            assertThat(f.formatCellValue(sheet.getRow(5).getCell(10))).contains("serial number may contain only A-Z");
        }
    }

    @Test
    @WithUserDetails("distributor")
    void aFileThatIsNotAWorkbookIsRefusedWithAClearMessage() {
        var view = navigate("distributor/verify", DistributorVerifyView.class);
        view.start("notes.xlsx", "hello".getBytes());
        assertThat(view.status.getText()).isEqualTo("file: not an Excel workbook (.xlsx) that can be read");
        assertThat(view.resultFile()).isNull();
    }
}
