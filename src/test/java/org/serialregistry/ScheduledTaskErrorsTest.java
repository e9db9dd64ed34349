package org.serialregistry;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scheduled task that meets a stopped database logs one line; any other failure keeps its stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledTaskErrorsTest {

    @Test
    void anUnreachableDatabaseIsOneWarnLineAndABugIsAnErrorWithItsStackTrace(CapturedOutput output) {
        var scheduler = new BackgroundWork().taskScheduler();
        scheduler.initialize();
        try {
            scheduler.schedule(() -> {
                throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));
            }, java.time.Instant.now());
            await().until(() -> output.getAll().contains("database is unreachable"));
            assertThat(output.getAll()).contains("WARN")
                    .contains("SQLTransientConnectionException: HikariPool-1 - Connection is not available")
                    .doesNotContain("\tat ").doesNotContain("Unexpected error occurred in scheduled task");

            scheduler.schedule(() -> {
                throw new IllegalStateException("a bug in the task");
            }, java.time.Instant.now());
            await().until(() -> output.getAll().contains("Scheduled task failed"));
            await().until(() -> output.getAll().contains("java.lang.IllegalStateException: a bug in the task"));
            assertThat(output.getAll()).contains("ERROR").contains("\tat ");
        } finally {
            scheduler.shutdown();
        }
    }
}
