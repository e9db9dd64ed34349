package org.serialregistry.verification.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public rate limit as two replicas see it on one PostgreSQL (Bucket4j's PostgreSQL backend): a
 * client's requests count against one bucket whichever replica serves them, and a bucket row that the
 * clean-up deleted (the client was quiet long enough for it to fill up again) is simply started again.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedRateLimitOnPostgresTest {

    static EmbeddedPostgres postgres;
    static DataSource dataSource;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(new ClassPathResource("db/migration/postgresql/V0151__public_rate_bucket.sql")
                .getContentAsString(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    /** A replica whose every request is synchronised with the database (no local batching of tokens). */
    static PublicRateLimiter replica(long perMinute, long burst) {
        var properties = new VerificationProperties("mailto:x@example.org", Duration.ZERO, 10, 10, perMinute, burst,
                1000, null, DataSize.ofMegabytes(1));
        return new PublicRateLimiter(properties, dataSource, null, true, 1, Duration.ofMillis(1));
    }

    @Test
    void aClientsBurstIsSharedByBothReplicas() {
        var a = replica(1, 4);
        var b = replica(1, 4);
        assertThat(a.shared()).isTrue();
        assertThat(a.secondsToWait("shared-client")).isZero();
        assertThat(b.secondsToWait("shared-client")).isZero();
        assertThat(a.secondsToWait("shared-client")).isZero();
        assertThat(b.secondsToWait("shared-client")).isZero();
        assertThat(a.secondsToWait("shared-client")).as("fifth request, on A: the burst of 4 is used up on A and B")
                .isPositive();
        assertThat(b.secondsToWait("shared-client")).as("sixth, on B").isPositive();
        assertThat(a.secondsToWait("another-client")).as("another client has its own bucket").isZero();
    }

    /** The clean-up deletes rows of buckets that would be full again; the client's next request starts its row again. */
    @Test
    void aBucketRowDeletedByTheCleanUpIsStartedAgainInTheDatabase() {
        var a = replica(1, 2);
        assertThat(a.secondsToWait("returning-client")).isZero();
        assertThat(rows("returning-client")).isEqualTo(1);
        jdbc.update("delete from public_rate_bucket where client_key = ?", "returning-client");

        assertThat(a.secondsToWait("returning-client")).isZero();
        assertThat(rows("returning-client")).as("the bucket lives in the database again, for every replica").isEqualTo(1);
        var b = replica(1, 2);
        assertThat(b.secondsToWait("returning-client")).as("another replica: the second token of the burst").isZero();
        assertThat(b.secondsToWait("returning-client")).as("then it waits: the re-created bucket is the shared one")
                .isPositive();
    }

    /**
     * With the shipped synchronisation (a replica syncs a client's bucket after 3 requests or 1 s, and
     * batches concurrent requests for it), a row the clean-up deleted while a batch was under way came
     * back from Bucket4j as BucketNotFoundException: the limiter logged "shared buckets unavailable" and
     * counted on its own although the database answered. Four clients' threads hammer three clients
     * while rows are deleted under them.
     */
    @Test
    void rowsDeletedWhileRequestsAreBatchedAreNotTakenForAnOutage(CapturedOutput output) throws Exception {
        var a = new PublicRateLimiter(new VerificationProperties("mailto:x@example.org", Duration.ZERO, 10, 10,
                60_000_000, 1_000_000, 1000, null, DataSize.ofMegabytes(1)), dataSource, null, true, 3, Duration.ofMillis(20));
        var done = new AtomicBoolean();
        var deletes = new AtomicInteger();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(5)) {
            pool.submit(() -> {
                start.await();
                while (!done.get()) {
                    deletes.addAndGet(jdbc.update("delete from public_rate_bucket where client_key like 'busy-%'"));
                    LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // a clean-up now and then, not a lock held all the time
                }
                return null;
            });
            var clients = new ArrayList<Future<Long>>();
            for (int t = 0; t < 4; t++) {
                clients.add(pool.submit(() -> {
                    start.await();
                    long refused = 0;
                    for (int i = 0; i < 400; i++) {
                        refused += a.secondsToWait("busy-" + (i % 3)) > 0 ? 1 : 0;
                    }
                    return refused;
                }));
            }
            start.countDown();
            try {
                for (var client : clients) {
                    assertThat(client.get(120, TimeUnit.SECONDS)).as("no request within a budget of a million refused")
                            .isZero();
                }
            } finally {
                done.set(true);
            }
        }
        assertThat(deletes.get()).as("rows were deleted under the running requests").isPositive();
        assertThat(a.sharedFailing()).as("the database never was away").isFalse();
        assertThat(output.getAll()).doesNotContain("shared buckets unavailable");
        await("the bucket is written again by the client's next requests")
                .atMost(Duration.ofSeconds(10)).until(() -> a.secondsToWait("busy-0") == 0 && rows("busy-0") == 1);
    }

    static int rows(String clientKey) {
        return jdbc.queryForObject("select count(*) from public_rate_bucket where client_key = ?", Integer.class, clientKey);
    }
}
