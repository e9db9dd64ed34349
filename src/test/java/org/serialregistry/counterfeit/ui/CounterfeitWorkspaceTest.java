package org.serialregistry.counterfeit.ui;

import java.time.Duration;
import java.time.Instant;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.DetectionThresholds;
import org.serialregistry.counterfeit.ScanFixtures;
import org.serialregistry.counterfeit.Thresholds;
import org.serialregistry.counterfeit.internal.ScanSignalDetector;
import org.serialregistry.serial.ProductCategory;
import org.serialregistry.ui.FigurePanel;
import org.serialregistry.verification.CounterfeitList;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** Forensic reviewers and channel managers work alert cases in the Counterfeit workspace. */
@IntegrationTest
class CounterfeitWorkspaceTest extends SpringBrowserlessTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ScanSignalDetector detector;
    @Autowired
    AlertCases cases;
    @Autowired
    DetectionThresholds thresholds;
    @Autowired
    CounterfeitList counterfeitList;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.serialregistry.serial.SerialIssuance issuance;

    /** A phone nobody has scanned yet (demo phones may already sit in cases raised by other tests). */
    String freshPhone() {
        var signedIn = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated("pat", null,
                        org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_PRODUCTION")));
        try {
            var batch = issuance.issue(new org.serialregistry.serial.IssueBatchRequest(ScanFixtures.PHONE, "WSFRESH",
                    "DE-MUC", "L1", 1, java.time.LocalDate.now(), null, "DE", null), null, true).batch();
            return issuance.serials(batch.id(), 0, 1).getFirst().value();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(signedIn);
        }
    }

    String demoPhone(int index) {
        return jdbc.queryForObject("select u.serial from unit u left join unit_status s on s.serial = u.serial "
                + "where u.lot = 'A2611' and s.status is null order by u.serial offset ? rows fetch next 1 rows only",
                String.class, index);
    }

    void cloneScans(String serial, String farCountry, double lat, double lon) {
        Instant now = Instant.now();
        ScanFixtures.record(events, detector,
                ScanFixtures.scan(now.minus(Duration.ofMinutes(45)), ScanFixtures.PHONE, serial, "s-ws-" + serial + "1",
                        "DE", 48.137, 11.575),
                ScanFixtures.scan(now.minus(Duration.ofMinutes(15)), ScanFixtures.PHONE, serial, "s-ws-" + serial + "2",
                        farCountry, lat, lon));
    }

    String lastNotification() {
        return test($(Notification.class).last()).getText();
    }

    @Test
    @WithUserDetails("forensics")
    void aNewHighSeverityCaseIsAnnouncedOnTheNextPollAndInvestigatedFromTheGrid() {
        var view = navigate("counterfeit/cases", AlertCasesView.class);
        // a code with a valid tag that was never issued: someone holds a signing key
        String serial = "LEAK" + Long.toString(System.nanoTime(), 36).toUpperCase();
        ScanFixtures.record(events, detector, new org.serialregistry.verification.UnitScanned(java.util.UUID.randomUUID(),
                Instant.now(), ScanFixtures.PHONE, serial, org.serialregistry.verification.ScanOutcome.NOT_ISSUED,
                "client-leak", "s-leak", new org.serialregistry.shared.CountryCode("NG"), null, null, "mobile", null));

        view.poll(); // what the 5-second UI poll does
        assertThat(lastNotification()).startsWith("New high-severity alert case");
        $(TextField.class).withCaption("Serial").single().setValue(serial);
        @SuppressWarnings("unchecked")
        Grid<AlertCaseSummary> grid = $(Grid.class).single();
        assertThat(test(grid).size()).isEqualTo(1);
        var c = test(grid).getRow(0);
        assertThat(c.serial()).isEqualTo(serial);

        test(grid).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(AlertCaseView.class);
        $(Button.class).withText("Assign to me").single().click();
        $(TextArea.class).withCaption("New note").single().setValue("Asked the DE owner for a photo of the label");
        $(Button.class).withText("Add note").single().click();
        @SuppressWarnings("unchecked")
        Select<CaseState> state = $(Select.class).withCaption("New state").single();
        state.setValue(CaseState.INVESTIGATING);
        $(TextField.class).withCaption("Why").single().setValue("Owner contacted");
        $(Button.class).withText("Change state").single().click();

        var detail = cases.find(c.id()).orElseThrow();
        assertThat(detail.summary().state()).isEqualTo(CaseState.INVESTIGATING);
        assertThat(detail.summary().assignee()).isEqualTo("forensics");
        assertThat(detail.notes()).extracting(n -> n.text()).contains("Asked the DE owner for a photo of the label");
    }

    @Test
    @WithUserDetails("forensics")
    void aCaseThatDoesNotExistIsNamedAndTheWayBackOffered() {
        navigate("counterfeit/cases/987654321", AlertCaseView.class);
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).first().getText())
                .isEqualTo("There is no alert case 987654321.");
        $(Button.class).withText("All cases").single().click();
        assertThat(getCurrentView()).isInstanceOf(AlertCasesView.class);

        navigate("counterfeit/cases/not-a-number", AlertCaseView.class);
        assertThat($(com.vaadin.flow.component.html.Paragraph.class).first().getText())
                .isEqualTo("There is no alert case with that number.");
    }

    @Test
    @WithUserDetails("channel")
    void aChannelManagerIsToldThatOnlyForensicReviewersConfirmCounterfeits() {
        String serial = demoPhone(81);
        cloneScans(serial, "BR", -23.55, -46.63);
        var id = cases.search(new CaseQuery(serial, null, null, 5)).getFirst().id();
        navigate("counterfeit/cases/" + id, AlertCaseView.class);
        @SuppressWarnings("unchecked")
        Select<CaseState> state = $(Select.class).withCaption("New state").single();
        state.setValue(CaseState.CONFIRMED_COUNTERFEIT);
        $(TextField.class).withCaption("Why").single().setValue("Looks like a copy");
        $(Button.class).withText("Change state").single().click();
        assertThat(lastNotification()).contains("only forensic reviewers");
        assertThat(counterfeitList.isListed(serial)).isFalse();
        assertThat(cases.find(id).orElseThrow().summary().state()).isEqualTo(CaseState.OPEN);
    }

    @Test
    @WithUserDetails("forensics")
    void theOverviewChartsCasesByCountryAndProductBesideTheirTables() {
        String serial = freshPhone();
        cloneScans(serial, "AE", 25.2, 55.27);
        navigate("counterfeit", CounterfeitOverviewView.class);
        var panels = $(FigurePanel.class).all();
        var byCountry = panels.stream().filter(p -> p.getTitle().contains("Cases by country")).findFirst()
                .orElseThrow();
        var raised = cases.search(new CaseQuery(serial, null, null, 5)).getFirst();
        assertThat(byCountry.getFigures()).extracting(FigurePanel.Figure::label)
                .contains(raised.country() == null ? "unknown" : raised.country());
        var byProduct = panels.stream().filter(p -> p.getTitle().contains("Cases by product")).findFirst()
                .orElseThrow();
        assertThat(byProduct.getFigures()).extracting(FigurePanel.Figure::label).contains("Aurora X2 smartphone");
        var overview = (CounterfeitOverviewView) getCurrentView();
        assertThat(overview.timeline.getOptionJson()).contains("Scanned farther apart than travel allows");
        assertThat(overview.cloned.getGenericDataView().getItems().map(c -> c.serial())).contains(serial);
    }

    @Test
    @WithUserDetails("admin")
    void anAdministratorEditsTheThresholdsOfACategory() {
        var before = thresholds.current(ProductCategory.AUTOMOTIVE);
        navigate("admin/counterfeit-thresholds", CounterfeitThresholdsView.class);
        @SuppressWarnings("unchecked")
        Grid<Thresholds> grid = $(Grid.class).single();
        int row = -1;
        for (int i = 0; i < test(grid).size(); i++) {
            if (test(grid).getRow(i).category() == ProductCategory.AUTOMOTIVE) {
                row = i;
            }
        }
        test(grid).select(row);
        try {
            $(IntegerField.class).withCaption("Travel speed limit (km/h)").single().setValue(20);
            $(Button.class).withText("Save thresholds").single().click();
            assertThat(lastNotification()).contains("Max speed kmh: must be between 50 and 5000");
            assertThat(thresholds.current(ProductCategory.AUTOMOTIVE).maxSpeedKmh()).isEqualTo(before.maxSpeedKmh());

            $(IntegerField.class).withCaption("Travel speed limit (km/h)").single().setValue(700);
            $(Button.class).withText("Save thresholds").single().click();
            assertThat(lastNotification()).contains("Thresholds for Automotive saved");
            assertThat(thresholds.current(ProductCategory.AUTOMOTIVE).maxSpeedKmh()).isEqualTo(700);
            assertThat(thresholds.current(ProductCategory.AUTOMOTIVE).updatedBy()).isEqualTo("admin");
        } finally {
            var now = thresholds.current(ProductCategory.AUTOMOTIVE);
            thresholds.update(new Thresholds(ProductCategory.AUTOMOTIVE, before.maxSessions(), before.sessionWindowDays(),
                    before.enumerationCount(), before.enumerationWindowMinutes(), before.maxSpeedKmh(),
                    before.offMarketSessions(), before.newCountryWarmupScans(), now.version(), "", now.updatedAt()));
        }
    }
}
