package org.serialregistry.verification.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the public path behaves while the database cannot be reached
 * ({@code serial-registry.verification.outage.*}).
 *
 * @param staleIfError    a unit read at most this long ago still answers while the database is
 *                        unreachable (a change made meanwhile on another instance is not seen); 0 turns it off
 * @param backoff         after the database failed to give a connection, the public path does not ask it
 *                        again for this long: it answers from memory or with 503 at once instead of waiting
 * @param retryAfter      the {@code Retry-After} of a 503 answer
 * @param scanRetry       the scan log writer tries a batch again after this long while the database is away
 */
@ConfigurationProperties("serial-registry.verification.outage")
public record OutageProperties(@DefaultValue("10m") Duration staleIfError,
                               @DefaultValue("5s") Duration backoff,
                               @DefaultValue("30s") Duration retryAfter,
                               @DefaultValue("1s") Duration scanRetry) {
}
