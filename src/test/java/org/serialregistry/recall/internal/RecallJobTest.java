package org.serialregistry.recall.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.recall.NewRecallCampaign;
import org.serialregistry.recall.RecallCampaigns;
import org.serialregistry.recall.RecallRemedy;
import org.serialregistry.recall.RecallSeverity;
import org.serialregistry.recall.RecallSignature;
import org.serialregistry.recall.SignatureMeaning;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The recall job on the application's shared executor and scheduler: a shutdown in the middle of a
 * recall lets the chunk under way commit and starts no other; the next start-up resumes after the last
 * committed chunk; kicks while a recall runs do not make it run twice. Every unit ends RECALLED by
 * exactly one lifecycle event, and the campaign's progress counts each unit once.
 */
@IntegrationTest
@WithMockUser(username = "quality", roles = {"QUALITY", "PRODUCTION", "WARRANTY", "ADMIN"})
class RecallJobTest {

    static final String PHONE = "09506000134352";
    static final RecallSignature QUINN = new RecallSignature(null, SignatureMeaning.APPROVAL, "quality");

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    RecallCampaigns recalls;
    @Autowired
    RecallJob job;

    final ListAppender<ILoggingEvent> jobLog = new ListAppender<>();
    final Logger jobLogger = (Logger) LoggerFactory.getLogger(RecallJob.class);
    Level levelBefore;

    @BeforeEach
    void listenToTheJobsLog() {
        jobLog.start();
        jobLogger.addAppender(jobLog);
        // its own level: a test context started earlier in the same JVM may have set the root's to warn
        levelBefore = jobLogger.getLevel();
        jobLogger.setLevel(Level.INFO);
    }

    @AfterEach
    void jobRunsAgainForTheOtherTests() {
        jobLogger.detachAppender(jobLog);
        jobLogger.setLevel(levelBefore);
        if (!job.isRunning()) {
            job.start();
            job.resume();
        }
    }

    private List<SerialNumber> lot(String lot, int quantity) {
        var batch = issuance.issue(new IssueBatchRequest(PHONE, lot, "DE-MUC", "L1", quantity,
                LocalDate.now().minusDays(30), null, "DE", null), null, true).batch();
        return issuance.serials(batch.id(), 0, quantity);
    }

    private CampaignView recallOf(String lot) {
        return recalls.start(new NewRecallCampaign(new UnitSelection(PHONE, List.of(lot), List.of(), null, null, null, null),
                "Charger overheats", RecallSeverity.CLASS_II, RecallRemedy.REPLACE, "Bring the phone back."), QUINN);
    }

    private CampaignView now(CampaignView campaign) {
        return recalls.campaign(campaign.id()).orElseThrow();
    }

    private void everyUnitRecalledOnce(List<SerialNumber> serials) {
        for (var s : serials) {
            assertThat(units.find(s).orElseThrow().status()).as(s.value()).isEqualTo(UnitStatus.RECALLED);
            assertThat(units.history(s).stream().filter(e -> e.newStatus() == UnitStatus.RECALLED)).as(s.value()).hasSize(1);
        }
    }

    @Test
    void aRecallStoppedByAShutdownHalfwayKeepsItsPlaceAndFinishesAfterTheNextStartUp() {
        var serials = lot("RCJOB1", 500);
        var campaign = recallOf("RCJOB1");
        await().pollInSameThread().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(60))
                .until(() -> now(campaign).affectedUnits() > 0);

        job.stop();

        assertThat(job.isWorkingOn(campaign.id())).as("stop() returns once the chunk under way has committed").isFalse();
        var stopped = now(campaign);
        assertThat(stopped.state()).as("the shutdown came halfway").isEqualTo(CampaignState.RUNNING);
        assertThat(stopped.affectedUnits()).isBetween(1L, 499L);
        assertThat(stopped.jobProgress()).isGreaterThan(0.0).isLessThan(1.0);
        job.kick();
        await().pollInSameThread().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> now(campaign).affectedUnits() == stopped.affectedUnits());

        job.start();
        job.resume(); // what the application-ready event calls at start-up

        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> now(campaign).state() == CampaignState.ACTIVE);
        var done = now(campaign);
        assertThat(done.affectedUnits()).isEqualTo(500);
        assertThat(done.jobProgress()).isEqualTo(1.0);
        everyUnitRecalledOnce(serials);
        assertThat(jobLog.list).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
    }

    @Test
    void kicksWhileARecallRunsDoNotRunItTwice() {
        var serials = lot("RCJOB2", 200);
        var campaign = recallOf("RCJOB2");
        var kicks = CompletableFuture.allOf(IntStream.range(0, 8).mapToObj(i -> CompletableFuture.runAsync(() -> {
            for (int k = 0; k < 50; k++) {
                job.kick();
            }
        })).toArray(CompletableFuture[]::new));

        await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> now(campaign).state() == CampaignState.ACTIVE);
        kicks.join();
        await().atMost(Duration.ofSeconds(10)).until(() -> !job.isWorkingOn(campaign.id()));
        assertThat(now(campaign).affectedUnits()).isEqualTo(200);
        everyUnitRecalledOnce(serials);
        assertThat(jobLog.list).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
        assertThat(jobLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsOnlyOnce("Recall " + campaign.campaignNumber() + ": 200 units recalled");
    }
}
