package org.serialregistry.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.counterfeit.AlertCases;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.custody.NewShipment;
import org.serialregistry.custody.Receiving;
import org.serialregistry.custody.Shipping;
import org.serialregistry.lifecycle.internal.CallerScope;
import org.serialregistry.lifecycle.internal.LifecycleProperties;
import org.serialregistry.security.UserAdministration;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * End of life and status changes as partners and staff meet them: a distributor reports a unit it
 * holds stolen and the code is then scanned abroad; a decommissioning is undone by the same party
 * within the window and is final after it; units are destroyed with evidence and archived.
 */
@IntegrationTest
@WithMockUser(username = "cora", roles = {"ADMIN", "PRODUCTION", "QUALITY"})
class LifecycleStoriesTest {

    static final String PHONE = "09506000134352";
    static final String DISTRIBUTOR_KEY = "sr_demodist_DistributorDemoKeyNotForProduction";
    static final String SERVICE_KEY = "sr_demosvce_ServiceDemoKeyNotForProduction";
    static final String PRODUCTION_KEY = "sr_demoprod_ProductionDemoKeyNotForProduction";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    Shipping shipping;
    @Autowired
    Receiving receiving;
    @Autowired
    AlertCases cases;
    @Autowired
    org.serialregistry.custody.Custody custody;
    @Autowired
    EndOfLife endOfLife;
    @Autowired
    StatusCorrections corrections;
    @Autowired
    CallerScope scope;
    @Autowired
    UserAdministration users;
    @Autowired
    AuditTrail audit;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    static int lots;

    private List<SerialNumber> lot(int quantity) {
        String lot = "EOL" + System.nanoTime() % 100_000_000 + (lots++);
        var batch = issuance.issue(new IssueBatchRequest(PHONE, lot, "DE-MUC", "L1", quantity,
                LocalDate.now().minusDays(20), null, "DE", null), null, true).batch();
        return issuance.serials(batch.id(), 0, quantity);
    }

    private List<SerialNumber> atDistributor(int quantity) {
        var serials = lot(quantity);
        var values = serials.stream().map(SerialNumber::value).toList();
        var sh = shipping.ship(NewShipment.of("SH-EOL-" + System.nanoTime(), "MFG-DE", "DIST-DE", values));
        receiving.receive(sh.id(), values);
        return serials;
    }

    /** A call with a demo API key; the test user's own context is kept (the filter chain clears it). */
    private Answer call(AbstractMockHttpServletRequestBuilder<?> request, String key) throws Exception {
        var signedIn = SecurityContextHolder.getContext();
        try {
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            var response = mvc.perform(request).andReturn().getResponse();
            String body = response.getContentAsString();
            return new Answer(response.getStatus(), body.isEmpty() ? null : JSON.readTree(body));
        } finally {
            SecurityContextHolder.setContext(signedIn);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    private static AbstractMockHttpServletRequestBuilder<?> json(String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aDistributorReportsAUnitItHoldsStolenAndTheCodeIsThenScannedAbroad() throws Exception {
        var held = atDistributor(3);
        var elsewhere = lot(1).getFirst();
        String stolen = held.getFirst().value();

        var refused = call(json("/api/v1/stolen-reports", "{\"serials\":[\"" + elsewhere.value() + "\"],"
                + "\"note\":\"gone from the shelf\"}"), DISTRIBUTOR_KEY);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").asString()).contains("DIST-DE does not hold").contains(elsewhere.value());
        assertThat(units.find(elsewhere).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);

        var report = call(json("/api/v1/stolen-reports", "{\"serials\":[\"" + stolen + "\"],\"where\":\"Warehouse Hamburg\","
                + "\"note\":\"Pallet missing after the night shift\"}"), DISTRIBUTOR_KEY);
        assertThat(report.status()).isEqualTo(201);
        assertThat(report.body().get("sourceParty").asString()).isEqualTo("DIST-DE");
        assertThat(report.body().get("disposition").asString()).isEqualTo("STOLEN");
        assertThat(units.find(held.getFirst()).orElseThrow().status()).isEqualTo(UnitStatus.STOLEN);
        assertThat(custody.heldBy("DIST-DE", 10_000)).as("a stolen unit leaves the stock list").doesNotContain(stolen)
                .contains(held.get(1).value());

        // scanned in the United States, far from its German market
        var scan = call(get("/01/" + PHONE + "/21/" + stolen).param("country", "US").accept(MediaType.APPLICATION_JSON), null);
        assertThat(scan.body().get("verified").asBoolean()).isTrue();
        assertThat(scan.body().get("additionalInfo").asString()).isEqualTo("Suspect");
        assertThat(scan.body().get("message").asString()).contains("reported stolen").contains("Do not purchase");
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> cases.openCasesFor(stolen).stream()
                .anyMatch(c -> c.types().contains(SignalType.SCANNED_WHILE_INACTIVE)));

        // another party cannot undo the distributor's report; the distributor can, within the window
        long eventId = report.body().get("id").asLong();
        var notTheirs = call(json("/api/v1/lifecycle/events/" + eventId + "/undo", "{\"reason\":\"found it\"}"), SERVICE_KEY);
        assertThat(notTheirs.status()).isEqualTo(400);
        assertThat(notTheirs.body().get("detail").asString()).contains("only DIST-DE may undo");
        var undone = call(json("/api/v1/lifecycle/events/" + eventId + "/undo",
                "{\"reason\":\"The pallet was in the wrong bay\"}"), DISTRIBUTOR_KEY);
        assertThat(undone.status()).isEqualTo(200);
        assertThat(undone.body().get(0).get("errorDeclarationFor").asLong()).isEqualTo(eventId);
        assertThat(units.find(held.getFirst()).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);
        assertThat(custody.heldBy("DIST-DE", 10_000)).as("back in stock").contains(stolen);
        assertThat(units.history(held.getFirst())).extracting(e -> e.newStatus())
                .containsSubsequence(UnitStatus.STOLEN, UnitStatus.ACTIVE);
        var again = call(json("/api/v1/lifecycle/events/" + eventId + "/undo", "{\"reason\":\"twice\"}"), DISTRIBUTOR_KEY);
        assertThat(again.status()).isEqualTo(400);
    }

    @Test
    void aDecommissioningIsFinalOnceTheConfiguredWindowHasPassed() {
        var unit = lot(1).getFirst();
        var report = endOfLife.reportStolen(List.of(unit.value()), null, "stolen from the test bench");
        var oneHour = new LifecycleProperties(Duration.ofHours(1));
        var twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        var halfAnHourLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(30));

        var late = new StatusCorrections(units, scope, users, oneHour, audit, twoHoursLater);
        assertThatThrownBy(() -> late.undo(report.id(), "found it")).hasMessageContaining("it is final");
        assertThatThrownBy(() -> late.declareError(report.id(), "found it", "cora-has-no-password"))
                .hasMessageStartingWith("password:");
        assertThat(units.find(unit).orElseThrow().status()).isEqualTo(UnitStatus.STOLEN);

        var inTime = new StatusCorrections(units, scope, users, oneHour, audit, halfAnHourLater);
        transaction.executeWithoutResult(tx -> inTime.undo(report.id(), "found it in the lab"));
        assertThat(units.find(unit).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);
        assertThat(corrections.undoWindow()).isEqualTo(Duration.ofDays(10));
    }

    @Test
    @WithMockUser(username = "quality", roles = {"QUALITY", "PRODUCTION"})
    void aRecallSetByMistakeIsCorrectedOnlyWithTheQualityEngineersSignature() {
        var serials = lot(2);
        var wrong = units.changeStatus(serials.getFirst(), UnitStatus.RECALLED, "recalled the wrong unit");

        assertThatThrownBy(() -> corrections.undo(wrong.id(), "mine")).hasMessageContaining("is no decommissioning");
        assertThatThrownBy(() -> corrections.declareError(wrong.id(), "wrong unit", "not-my-password"))
                .hasMessageStartingWith("password:");
        assertThat(units.find(serials.getFirst()).orElseThrow().status()).isEqualTo(UnitStatus.RECALLED);

        var correction = corrections.declareError(wrong.id(), "The recall named the wrong unit", "quality");
        assertThat(correction).singleElement().satisfies(e -> {
            assertThat(e.errorDeclarationFor()).isEqualTo(wrong.id());
            assertThat(e.newStatus()).isEqualTo(UnitStatus.ACTIVE);
            assertThat(e.reason()).contains("signed by Quinn Quality");
        });
        assertThat(units.find(serials.getFirst()).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);
        assertThat(units.history(serials.getFirst())).hasSizeGreaterThanOrEqualTo(3);

        // a locked unit (a decommissioning) is undone by the same user when no party recorded it
        var locked = units.changeStatus(serials.get(1), UnitStatus.LOCKED, "held for inspection");
        corrections.undo(locked.id(), "inspection done elsewhere");
        assertThat(units.find(serials.get(1)).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);
    }

    @Test
    void unitsAreDestroyedWithEvidenceThenArchivedAndThePublicPageSaysEndOfLife() throws Exception {
        var serials = lot(3);
        String list = serials.get(0).value() + "\n" + serials.get(1).value();

        var noEvidence = call(multipart("/api/v1/end-of-life/scrap").param("kind", "DESTROYED").param("serials", list),
                PRODUCTION_KEY);
        assertThat(noEvidence.status()).isEqualTo(400);
        assertThat(noEvidence.body().get("detail").asString()).contains("reason:").contains("evidence:");

        var certificate = new MockMultipartFile("evidence", "certificate.pdf", "application/pdf",
                "%PDF-1.4 certificate of destruction".getBytes());
        var destroyed = call(multipart("/api/v1/end-of-life/scrap").file(certificate).param("kind", "DESTROYED")
                .param("serials", list).param("reason", "Shredded after water damage"), PRODUCTION_KEY);
        assertThat(destroyed.status()).isEqualTo(201);
        assertThat(destroyed.body().get("bizStep").asString()).isEqualTo("DESTROYING");
        String evidence = destroyed.body().get("bizTransactions").get("evidence").asString();
        assertThat(evidence).startsWith("EV-");
        assertThat(units.find(serials.get(1)).orElseThrow().status()).isEqualTo(UnitStatus.DESTROYED);
        var signedIn = SecurityContextHolder.getContext();
        var file = mvc.perform(get("/api/v1/end-of-life/evidence/" + evidence.substring(3))
                .header("Authorization", "Bearer " + PRODUCTION_KEY)).andReturn().getResponse();
        SecurityContextHolder.setContext(signedIn);
        assertThat(file.getContentType()).isEqualTo("application/pdf");
        assertThat(file.getContentAsString()).startsWith("%PDF-1.4 certificate");

        // a destroyed unit and an active one reach their end of life; a stolen one cannot be archived
        endOfLife.archive(List.of(serials.get(0).value(), serials.get(2).value()), "End of service life");
        assertThat(units.find(serials.get(0)).orElseThrow().status()).isEqualTo(UnitStatus.ARCHIVED);
        assertThat(units.history(serials.get(0))).extracting(e -> e.newStatus())
                .containsSubsequence(UnitStatus.DESTROYED, UnitStatus.ARCHIVED);
        var page = call(get("/01/" + PHONE + "/21/" + serials.get(2).value()).accept(MediaType.APPLICATION_JSON), null);
        assertThat(page.body().get("status").asString()).isEqualTo("ARCHIVED");
        assertThat(page.body().get("message").asString()).contains("end of life");
        assertThatThrownBy(() -> endOfLife.archive(List.of(serials.get(2).value()), "again"))
                .hasMessageContaining("already inactive");
    }
}
