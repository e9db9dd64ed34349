package org.serialregistry.verification.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Token buckets per client key, in memory on this instance: {@code rate-limit-burst} requests at
 * once, refilled at {@code rate-limit-per-minute}. The map is bounded: when it holds
 * {@code rate-limit-clients} keys it starts afresh (a flood from that many addresses is beyond
 * what a per-client limit can stop anyway; a proxy or CDN must).
 */
@Component
public class PublicRateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final VerificationProperties properties;

    PublicRateLimiter(VerificationProperties properties) {
        this.properties = properties;
    }

    /** Zero when the request may go ahead, else the seconds to wait (at least 1). */
    public long secondsToWait(String clientKey) {
        if (buckets.size() >= properties.rateLimitClients()) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(clientKey, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.rateLimitBurst())
                        .refillGreedy(properties.rateLimitPerMinute(), Duration.ofMinutes(1)))
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }
}
