package org.serialregistry.verification.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Token buckets per client key, in memory on this instance: {@code rate-limit-burst} requests at
 * once, refilled at {@code rate-limit-per-minute}. A client is its address, an IPv6 client its /64
 * (see {@link ScanRequests#clientKey}). At most {@code rate-limit-clients} buckets are kept, the least
 * recently used forgotten first (Caffeine), so a flood of new addresses evicts only idle clients'
 * buckets and never resets the one of a client being throttled.
 */
@Component
public class PublicRateLimiter {

    private final Cache<String, Bucket> buckets;
    private final VerificationProperties properties;

    PublicRateLimiter(VerificationProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder().maximumSize(properties.rateLimitClients())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** Zero when the request may go ahead, else the seconds to wait (at least 1). */
    public long secondsToWait(String clientKey) {
        Bucket bucket = buckets.get(clientKey, k -> Bucket.builder()
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
