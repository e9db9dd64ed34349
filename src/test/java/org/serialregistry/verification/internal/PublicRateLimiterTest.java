package org.serialregistry.verification.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class PublicRateLimiterTest {

    static PublicRateLimiter limiter(int clients) {
        return new PublicRateLimiter(new VerificationProperties("mailto:x@example.org", Duration.ZERO, 10, 10,
                1, 2, clients, null, DataSize.ofMegabytes(1)));
    }

    @Test
    void aFloodOfNewClientsDoesNotResetTheBucketOfAClientBeingThrottled() {
        var limiter = limiter(100);
        assertThat(limiter.secondsToWait("attacker")).isZero();
        assertThat(limiter.secondsToWait("attacker")).isZero();
        assertThat(limiter.secondsToWait("attacker")).isPositive();
        for (int i = 0; i < 100; i++) {
            limiter.secondsToWait("fresh-" + i); // fills the table to its bound
            assertThat(limiter.secondsToWait("attacker")).as("after %d new clients", i + 1).isPositive();
        }
    }
}
