package org.serialregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.custody.CustodyTransferRefused;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** Background work runs on one Spring-made pool that knows who started it, and never waits behind batches. */
@IntegrationTest
class BackgroundWorkTest {

    @Autowired
    AsyncTaskExecutor background;
    @Autowired
    @Qualifier("serialBatchExecutor")
    TaskExecutor serialBatches;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBatches() {
        release.countDown();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aJobStartedByAPersonRunsAsThatPerson() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin-ana", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));

        var seen = background.submit(() -> {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            return auth == null ? "nobody" : auth.getName() + " on " + Thread.currentThread().getName();
        }).get(10, TimeUnit.SECONDS);

        assertThat(seen).startsWith("admin-ana on work-");
    }

    @Test
    void aRefusedTransferRaisesItsSignalWhileTwoBigBatchesHoldTheBatchThreads() throws Exception {
        var started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            serialBatches.execute(() -> {
                started.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).as("both batch threads busy").isTrue();

        String serial = "BGWORK" + System.nanoTime() % 100_000_000L;
        tx.executeWithoutResult(s -> events.publishEvent(new CustodyTransferRefused(1, "SHP-BG-1", "DIST-US",
                "RET-DE", List.of(serial), "the sender does not hold the unit")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from alert_signal where serial = ? and type = 'REFUSED_TRANSFER'", Integer.class,
                serial)).isEqualTo(1));
    }
}
