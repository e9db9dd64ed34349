package org.serialregistry.recall.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One piece of work per key at a time, and a shutdown that waits for the work under way (but not for ever). */
class WorkUnderWayTest {

    final WorkUnderWay work = new WorkUnderWay();

    @Test
    void aSecondStartForTheSameCampaignIsRefusedUntilTheFirstEnds() {
        assertThat(work.begin(7L)).isTrue();
        assertThat(work.begin(7L)).isFalse();
        assertThat(work.begin(8L)).as("another campaign").isTrue();
        work.end(7L);
        assertThat(work.isUnderWay(7L)).isFalse();
        assertThat(work.begin(7L)).isTrue();
    }

    @Test
    void aShutdownWaitsForTheWorkUnderWayToEnd() {
        work.begin(7L);
        var waiting = CompletableFuture.supplyAsync(() -> work.awaitNone(Duration.ofSeconds(30)));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        work.end(7L);
        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        assertThat(waiting.join()).isTrue();
    }

    @Test
    void aShutdownGivesUpWaitingAfterItsTime() {
        work.begin("delivery round");
        assertThat(work.awaitNone(Duration.ofMillis(50))).isFalse();
        assertThat(work.isUnderWay("delivery round")).isTrue();
    }
}
