package org.serialregistry.epcis;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.Custody;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.serialregistry.epcis.EpcisCaptureTest.PHONE;
import static org.serialregistry.epcis.EpcisCaptureTest.PHONE_URN;
import static org.serialregistry.epcis.EpcisCaptureTest.asAdmin;
import static org.serialregistry.epcis.EpcisCaptureTest.doc;
import static org.serialregistry.epcis.EpcisCaptureTest.now;
import static org.serialregistry.epcis.EpcisCaptureTest.objectEvent;

/**
 * Two partner systems send the same shipping event at the same moment: the registry stores it once and
 * ships the units once; the second capture succeeds and counts the event as a duplicate.
 */
@IntegrationTest
class EpcisConcurrentCaptureTest {

    @Autowired
    EpcisCapture capture;
    @Autowired
    SerialIssuance issuance;
    @Autowired
    Custody custody;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theSameEventCapturedTwiceAtOnceIsStoredOnceAndTheSecondCaptureCountsItAsADuplicate() throws Exception {
        var serials = asAdmin(() -> {
            var batch = issuance.issue(new IssueBatchRequest(PHONE, "EC" + System.nanoTime() % 1_000_000, "DE-MUC", "L3",
                    2, LocalDate.now().minusDays(2), null, "DE", null), null, true).batch();
            return issuance.serials(batch.id(), 0, 2).stream().map(SerialNumber::value).toList();
        });
        String document = doc(objectEvent("shipping", "in_transit", serials.stream().map(s -> PHONE_URN + s).toList(),
                "MFG-DE", "DIST-DE", "EP-RACE-" + System.nanoTime(), now()));

        // the first capture has stored the event and not committed yet when the second one looks for it
        var firstStored = new CountDownLatch(1);
        var commitFirst = new CountDownLatch(1);
        // two threads of their own (the common pool of a 2-core machine has one)
        var threads = Executors.newFixedThreadPool(2);
        var first = CompletableFuture.supplyAsync(() -> asAdmin(() -> new TransactionTemplate(transactions).execute(tx -> {
            var job = capture.capture(document);
            firstStored.countDown();
            try {
                assertThat(commitFirst.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return job;
        })), threads);
        assertThat(firstStored.await(30, TimeUnit.SECONDS)).isTrue();
        var secondThread = new AtomicReference<Thread>();
        var second = CompletableFuture.supplyAsync(() -> {
            secondThread.set(Thread.currentThread());
            return asAdmin(() -> capture.capture(document));
        }, threads);
        // the second capture is inserting its copy of the event: H2 retries it while the first copy is uncommitted
        await().atMost(Duration.ofSeconds(8)).until(() -> second.isDone() || secondThread.get() != null
                && Arrays.stream(secondThread.get().getStackTrace()).anyMatch(f -> f.getClassName().equals(
                "org.h2.command.dml.Insert")) && Arrays.stream(secondThread.get().getStackTrace()).anyMatch(
                f -> f.getMethodName().equals("insertEvent")));
        assertThat(second).as("the second capture does not finish while the first copy is uncommitted").isNotDone();
        commitFirst.countDown();

        var one = first.get(30, TimeUnit.SECONDS);
        var two = second.get(30, TimeUnit.SECONDS);
        threads.shutdown();
        assertThat(one.status()).isEqualTo(CaptureJob.CaptureStatus.SUCCEEDED);
        assertThat(one.appliedCount()).isEqualTo(1);
        assertThat(two.status()).as(two.toString()).isEqualTo(CaptureJob.CaptureStatus.SUCCEEDED);
        assertThat(two.appliedCount()).isZero();
        assertThat(two.duplicateCount()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from epcis_event e join epcis_event_epc p on p.event_id = e.id "
                + "where p.epc like ? and e.declares_hash is null", Long.class, "%" + serials.getFirst()))
                .as("the event is stored once").isEqualTo(1);
        var unit = asAdmin(() -> custody.holderOf(serials.getFirst())).orElseThrow();
        assertThat(unit.state()).isEqualTo(org.serialregistry.custody.CustodyState.IN_TRANSIT);
        assertThat(unit.inTransitTo()).isEqualTo("DIST-DE");
        assertThat(jdbc.queryForObject("select count(*) from lifecycle_event where id in (select lifecycle_event_id "
                + "from epcis_event e join epcis_event_epc p on p.event_id = e.id where p.epc like ?)", Long.class,
                "%" + serials.getFirst())).as("the units are shipped once").isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesASecondCopyOfACapturedEventButKeepsErrorDeclarationsOfIt() {
        String hash = "race-" + System.nanoTime();
        String insert = "insert into epcis_event (event_hash, event_type, event_time, record_time, declares_hash, body) "
                + "values (?, 'ObjectEvent', current_timestamp, current_timestamp, ?, '{}')";
        // in a transaction that is rolled back: no bare row is left for the queries of other tests
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update(insert, hash, null);
            assertThatThrownBy(() -> jdbc.update(insert, hash, null)).isInstanceOf(DuplicateKeyException.class);
            jdbc.update(insert, hash, hash);
            assertThat(jdbc.queryForObject("select count(*) from epcis_event where event_hash = ?", Long.class, hash))
                    .isEqualTo(2);
            tx.setRollbackOnly();
        });
    }
}
