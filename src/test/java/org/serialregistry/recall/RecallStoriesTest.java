package org.serialregistry.recall;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.recall.internal.RecallNotifier;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.serialregistry.verification.RecallLookup;
import org.serialregistry.warranty.NewRegistration;
import org.serialregistry.warranty.OwnershipRegistry;
import org.serialregistry.warranty.RegistrationChannel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The story "recall of a lot with owners notified": a quality engineer signs a recall of one lot; the
 * public page warns at once; the job marks every unit RECALLED; each registered owner gets an e-mail
 * (a real SMTP server in the JVM, GreenMail) and the subscribed partner a signed webhook; returns and
 * remedies move the campaign's figures; the close is signed.
 */
@IntegrationTest
@WithMockUser(username = "quality", roles = {"QUALITY", "PRODUCTION", "WARRANTY", "ADMIN"})
class RecallStoriesTest {

    static final String PHONE = "09506000134352";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    OwnershipRegistry ownership;
    @Autowired
    RecallCampaigns recalls;
    @Autowired
    RecallLookup recallLookup;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;

    GreenMail smtp;
    HttpServer partner;
    final List<String[]> webhooks = new CopyOnWriteArrayList<>();
    int originalPort;

    @BeforeEach
    void startMailServerAndPartner() throws IOException {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        originalPort = mailSender.getPort();
        mailSender.setPort(smtp.getSmtp().getPort());
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/recalls", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhooks.add(new String[] {exchange.getRequestHeaders().getFirst("X-Signature"), body});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        partner.start();
    }

    @AfterEach
    void stop() {
        mailSender.setPort(originalPort);
        smtp.stop();
        partner.stop(0);
    }

    private List<SerialNumber> lot(String lot, int quantity) {
        var batch = issuance.issue(new IssueBatchRequest(PHONE, lot, "DE-MUC", "L1", quantity,
                LocalDate.now().minusDays(30), null, "DE", null), null, true).batch();
        return issuance.serials(batch.id(), 0, quantity);
    }

    private void register(SerialNumber serial, String owner, String email) {
        ownership.register(new NewRegistration(PHONE, serial.value(), LocalDate.now().minusDays(3), "Phone shop",
                owner, email, null, null), RegistrationChannel.PORTAL);
    }

    private static NewRecallCampaign lotRecall(String lot) {
        return new NewRecallCampaign(new UnitSelection(PHONE, List.of(lot), List.of(), null, null, null, null),
                "Battery swells when charged above 40 °C", RecallSeverity.CLASS_I, RecallRemedy.REPLACE,
                "Stop using the phone and switch it off. Take it to any service centre for a free replacement.");
    }

    static final RecallSignature QUINN = new RecallSignature(null, SignatureMeaning.APPROVAL, "quality");

    /** The public page's JSON answer, as an anonymous scanner gets it. */
    private JsonNode publicAnswer(SerialNumber serial) throws Exception {
        // the security filter chain clears the thread's context after the request: keep the test user's
        var signedIn = org.springframework.security.core.context.SecurityContextHolder.getContext();
        try {
            return JSON.readTree(mvc.perform(get("/01/" + PHONE + "/21/" + serial.value()).accept(MediaType.APPLICATION_JSON))
                    .andReturn().getResponse().getContentAsString());
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(signedIn);
        }
    }

    @Test
    void aLotIsRecalledTheOwnersAreMailedThePartnerIsToldAndTheCloseIsSigned() throws Exception {
        var serials = lot("RCLOT1", 20);
        register(serials.get(0), "Olga Owner", "olga@example.org");
        register(serials.get(1), "Otto Owner", "otto@example.org");
        register(serials.get(2), "Olga Owner", "olga@example.org");
        units.changeStatus(serials.get(3), UnitStatus.SUPPLIED, "sold over the counter");
        var subscription = recalls.subscribe("DIST-DE", "http://127.0.0.1:" + partner.getAddress().getPort() + "/recalls");

        // signed, not yet committed: the job cannot have reached any unit, and the public page warns already
        var campaign = transaction.execute(tx -> {
            var started = recalls.start(lotRecall("RCLOT1"), QUINN);
            var unit = units.find(serials.get(19)).orElseThrow();
            assertThat(unit.status()).isEqualTo(UnitStatus.ACTIVE);
            assertThat(recallLookup.recallOf(unit)).get().extracting(RecallLookup.RecallNotice::campaignNumber)
                    .isEqualTo(started.campaignNumber());
            try {
                var answer = publicAnswer(serials.get(19));
                assertThat(answer.get("additionalInfo").asString()).isEqualTo("Recalled");
                assertThat(answer.get("status").asString()).isEqualTo("RECALLED");
                assertThat(answer.get("message").asString()).contains(started.campaignNumber()).contains("free replacement");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return started;
        });
        assertThat(campaign.expectedUnits()).isEqualTo(20);
        assertThat(campaign.state()).isEqualTo(CampaignState.RUNNING);

        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> recalls.campaign(campaign.id()).orElseThrow().state()
                == CampaignState.ACTIVE);
        for (var s : serials) {
            assertThat(units.find(s).orElseThrow().status()).as(s.value()).isEqualTo(UnitStatus.RECALLED);
        }
        var done = recalls.campaign(campaign.id()).orElseThrow();
        assertThat(done.affectedUnits()).isEqualTo(20);
        assertThat(done.jobProgress()).isEqualTo(1.0);
        var events = units.history(serials.get(5)).stream().filter(e -> e.newStatus() == UnitStatus.RECALLED).toList();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().bizTransactions()).containsEntry("recall", campaign.campaignNumber());
        assertThat(events.getFirst().epcCount()).as("chunks of 7 in the test profile").isLessThanOrEqualTo(7);

        // three registered units, two owners: one e-mail per registered unit, to its owner
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length >= 3);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(3);
        var toOtto = List.of(mails).stream().filter(m -> recipient(m).equals("otto@example.org")).toList();
        assertThat(toOtto).hasSize(1);
        assertThat(toOtto.getFirst().getSubject()).contains(campaign.campaignNumber()).contains(serials.get(1).value());
        assertThat(GreenMailUtil.getBody(toOtto.getFirst())).contains("Dear Otto Owner")
                .contains("Battery swells").contains("free replacement");
        assertThat(List.of(mails).stream().filter(m -> recipient(m).equals("olga@example.org")).count()).isEqualTo(2);

        // the partner's webhook, signed with its subscription's secret
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.isEmpty());
        var started = webhooks.getFirst();
        assertThat(started[0]).isEqualTo("sha256=" + RecallNotifier.sign(subscription.secret(),
                started[1].getBytes(StandardCharsets.UTF_8)));
        var body = JSON.readTree(started[1]);
        assertThat(body.get("event").asString()).isEqualTo("recall.started");
        assertThat(body.get("campaignNumber").asString()).isEqualTo(campaign.campaignNumber());
        assertThat(body.get("scope").get("lots").get(0).asString()).isEqualTo("RCLOT1");

        var progress = recalls.progress(campaign.id()).total();
        assertThat(progress.affected()).isEqualTo(20);
        assertThat(progress.located()).as("the sold phone is with its buyer, the rest at the factory").isEqualTo(19);
        assertThat(progress.inField()).isEqualTo(20);

        recalls.recordOutcome(campaign.id(), List.of(serials.get(0).value(), serials.get(1).value()),
                RecallUnitState.RETURNED, "brought to the shop");
        var after = recalls.recordOutcome(campaign.id(), List.of(serials.get(1).value(), serials.get(2).value()),
                RecallUnitState.REMEDIED, "replaced").total();
        assertThat(after.returned()).isEqualTo(1);
        assertThat(after.remedied()).isEqualTo(2);
        assertThat(after.inField()).isEqualTo(17);
        assertThat(units.find(serials.get(2)).orElseThrow().status()).as("a replaced unit is taken out")
                .isEqualTo(UnitStatus.DESTROYED);
        assertThat(recalls.progress(campaign.id()).perMarket()).singleElement()
                .satisfies(m -> assertThat(m.market()).isEqualTo("DE"));

        assertThatThrownBy(() -> recalls.close(campaign.id(), done.version(),
                new RecallSignature(null, SignatureMeaning.APPROVAL, "wrong"), "done"))
                .hasMessageStartingWith("password:");
        assertThat(recalls.campaign(campaign.id()).orElseThrow().state()).isEqualTo(CampaignState.ACTIVE);
        var closed = recalls.close(campaign.id(), done.version(), QUINN, "17 units not returned after 90 days");
        assertThat(closed.state()).isEqualTo(CampaignState.CLOSED);
        assertThat(recalls.signatures(campaign.id())).extracting(CampaignSignature::decision)
                .containsExactly("START", "CLOSE");
        assertThat(recalls.signatures(campaign.id()).getLast().printedName()).isEqualTo("Quinn Quality");
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> webhooks.size() >= 2);
        assertThat(JSON.readTree(webhooks.get(1)[1]).get("event").asString()).isEqualTo("recall.closed");
    }

    @Test
    void aRecallIsRefusedWithEveryProblemNamedAndNothingStarts() {
        int before = recalls.campaigns().size();
        assertThatThrownBy(() -> recalls.start(new NewRecallCampaign(new UnitSelection(null, List.of("NOPE"), List.of(),
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 1), null, "L9"), " ", null, null, null),
                new RecallSignature(null, SignatureMeaning.APPROVAL, "quality")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gtin: name the product")
                .hasMessageContaining("producedTo: the production window ends before it starts")
                .hasMessageContaining("line: name the facility")
                .hasMessageContaining("reason:")
                .hasMessageContaining("severity:")
                .hasMessageContaining("remedy:")
                .hasMessageContaining("instructions:");
        assertThatThrownBy(() -> recalls.start(lotRecall("NOSUCHLOT"), QUINN))
                .hasMessageContaining("scope: names no unit");
        assertThat(recalls.campaigns()).hasSize(before);
    }

    @Test
    void aSerialListAndAProductionLineAreScopesToo() {
        var serials = lot("RCLOT2", 12);
        var listed = new ArrayList<String>();
        for (int i = 0; i < 12; i += 2) {
            listed.add(serials.get(i).value());
        }
        var campaign = recalls.start(new NewRecallCampaign(new UnitSelection(null, List.of(), listed, null, null,
                "DE-MUC", "L1"), "Loose screen connector on these units", RecallSeverity.CLASS_III, RecallRemedy.REPAIR,
                "Book a free repair."), new RecallSignature("quality", SignatureMeaning.RESPONSIBILITY, "quality"));
        assertThat(campaign.expectedUnits()).isEqualTo(6);
        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> recalls.campaign(campaign.id()).orElseThrow().state()
                == CampaignState.ACTIVE);
        for (int i = 0; i < 12; i++) {
            assertThat(units.find(serials.get(i)).orElseThrow().status()).as("unit " + i)
                    .isEqualTo(i % 2 == 0 ? UnitStatus.RECALLED : UnitStatus.ACTIVE);
        }
        var repaired = recalls.recordOutcome(campaign.id(), List.of(listed.getFirst()), RecallUnitState.REMEDIED, null);
        assertThat(repaired.total().remedied()).isEqualTo(1);
        assertThat(units.find(serials.getFirst()).orElseThrow().status()).as("a repaired unit circulates again")
                .isEqualTo(UnitStatus.ACTIVE);
        assertThatThrownBy(() -> recalls.recordOutcome(campaign.id(), List.of(serials.get(1).value()),
                RecallUnitState.RETURNED, null)).hasMessageContaining("is not in " + campaign.campaignNumber());
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
