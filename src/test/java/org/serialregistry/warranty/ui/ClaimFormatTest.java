package org.serialregistry.warranty.ui;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A claim's age in the queue is counted to the registry's clock, so a page shows the same age to everyone. */
class ClaimFormatTest {

    @Test
    void theAgeOfAClaimIsCountedToTheGivenNow() {
        var submitted = Instant.parse("2030-01-01T08:00:00Z");
        assertThat(ClaimFormat.age(submitted, submitted.plus(Duration.ofMinutes(4)))).isEqualTo("4 min");
        assertThat(ClaimFormat.age(submitted, submitted.plus(Duration.ofHours(5).plusMinutes(10)))).isEqualTo("5 h 10 min");
        assertThat(ClaimFormat.age(submitted, submitted.plus(Duration.ofDays(2).plusHours(3)))).isEqualTo("2 d 3 h");
    }
}
