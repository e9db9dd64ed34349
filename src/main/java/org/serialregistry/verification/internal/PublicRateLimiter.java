package org.serialregistry.verification.internal;

import java.time.Duration;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.serialregistry.shared.Causes;
import org.serialregistry.shared.Databases;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets per client key: {@code rate-limit-burst} requests at once, refilled at
 * {@code rate-limit-per-minute}. A client is its address, an IPv6 client its /64 (see
 * {@link ScanRequests#clientKey}).
 *
 * <p>On PostgreSQL the buckets live in the database (Bucket4j's PostgreSQL backend, table
 * {@code public_rate_bucket}), so all replicas draw from one bucket per client. Each replica
 * syncs with it after {@code rate-limit-sync-tokens} (at least 1) requests of a client or after
 * {@code rate-limit-sync-interval}, whichever comes first, rather than on every request: a client
 * may get up to that many requests more per replica than its budget. While the database cannot be
 * reached, each replica falls back to a bucket of its own, at once while {@link DatabaseOutage} says the
 * database was unreachable a moment ago (no request waits for the pool's connection timeout). On H2 (one instance) the buckets are in
 * memory only.
 *
 * <p>At most {@code rate-limit-clients} buckets (or handles on shared ones) are kept in memory, the
 * least recently used forgotten first (Caffeine), so a flood of new addresses evicts only idle
 * clients' buckets and never resets the one of a client being throttled.
 */
@Component
public class PublicRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(PublicRateLimiter.class);

    private final Cache<String, Bucket> buckets;
    private final Cache<String, Bucket> localFallback;
    private final BucketConfiguration configuration;
    private final @Nullable PostgreSQLSelectForUpdateBasedProxyManager<String> shared;
    private final DelayParameters sync;
    private final @Nullable DatabaseOutage outage;
    private volatile boolean sharedFailing;

    /** Buckets in this instance's memory only. */
    PublicRateLimiter(VerificationProperties properties) {
        this(properties, null, null, 1, Duration.ofSeconds(1));
    }

    @Autowired
    PublicRateLimiter(VerificationProperties properties, DataSource dataSource, @Nullable DatabaseOutage outage,
                      @Value("${serial-registry.verification.rate-limit-shared:true}") boolean share,
                      @Value("${serial-registry.verification.rate-limit-sync-tokens:3}") long syncTokens,
                      @Value("${serial-registry.verification.rate-limit-sync-interval:1s}") Duration syncInterval) {
        this(properties, share && Databases.isPostgresql(dataSource) ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING).table("public_rate_bucket").idColumn("client_key")
                .stateColumn("state").expiresAtColumn("expires_at")
                // a row is worth keeping until its bucket would be full again
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build() : null, outage, syncTokens, syncInterval);
    }

    private PublicRateLimiter(VerificationProperties properties,
                              @Nullable PostgreSQLSelectForUpdateBasedProxyManager<String> shared,
                              @Nullable DatabaseOutage outage, long syncTokens, Duration syncInterval) {
        this.outage = outage;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(properties.rateLimitBurst())
                        .refillGreedy(properties.rateLimitPerMinute(), Duration.ofMinutes(1)))
                .build();
        this.shared = shared;
        this.sync = new DelayParameters(Math.max(1, syncTokens),
                syncInterval.isPositive() ? syncInterval : Duration.ofMillis(1));
        this.buckets = Caffeine.newBuilder().maximumSize(properties.rateLimitClients())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
        this.localFallback = Caffeine.newBuilder().maximumSize(properties.rateLimitClients())
                .expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** Zero when the request may go ahead, else the seconds to wait (at least 1). */
    public long secondsToWait(String clientKey) {
        io.github.bucket4j.ConsumptionProbe probe;
        if (shared != null && outage != null && outage.suspected()) {
            // the database was unreachable a moment ago: count here rather than wait for the pool
            probe = countHere(clientKey);
        } else {
            try {
                probe = consumeShared(clientKey);
                if (sharedFailing) {
                    sharedFailing = false;
                    log.info("Public rate limit: the shared buckets in the database answer again");
                }
            } catch (RuntimeException databaseDown) {
                if (outage != null) {
                    outage.failed(databaseDown);
                }
                if (!sharedFailing) {
                    sharedFailing = true;
                    log.warn("Public rate limit: shared buckets unavailable ({}); this replica counts on its own meanwhile",
                            databaseDown.toString());
                }
                buckets.invalidate(clientKey);
                probe = countHere(clientKey);
            }
        }
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }

    /**
     * One token from the client's bucket. A bucket whose row the clean-up deleted while requests of this
     * replica were batched for it comes back from Bucket4j as {@link BucketNotFoundException} (the
     * database answered): that is not an outage; the request is tried again on a fresh handle, which
     * writes the row again, and if another request races it once more, counts on this replica alone.
     */
    private io.github.bucket4j.ConsumptionProbe consumeShared(String clientKey) {
        for (int attempt = 1; ; attempt++) {
            try {
                return buckets.get(clientKey, this::newBucket).tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (!bucketRowGone(e)) {
                    throw e;
                }
                buckets.invalidate(clientKey);
                if (attempt == 2) {
                    log.debug("Public rate limit: bucket of {} deleted twice while in use; counted here", clientKey);
                    return countHere(clientKey);
                }
            }
        }
    }

    static boolean bucketRowGone(Throwable e) {
        return Causes.any(e, BucketNotFoundException.class::isInstance);
    }

    /** Whether the buckets are shared by all replicas (PostgreSQL) rather than this instance's own. */
    public boolean shared() {
        return shared != null;
    }

    /** Whether this replica counts on its own because the shared buckets could not be reached. */
    boolean sharedFailing() {
        return sharedFailing;
    }

    /** Rows of buckets that would be full again by now are deleted (any replica may do it; each row once). */
    @Scheduled(fixedDelayString = "${serial-registry.verification.rate-limit-cleanup-interval:PT1M}")
    void removeExpiredBuckets() {
        if (shared == null) {
            return;
        }
        try {
            while (shared.removeExpired(1000) >= 1000) {
                // more to delete
            }
        } catch (RuntimeException e) {
            log.debug("Public rate limit: expired buckets not removed now: {}", e.toString());
        }
    }

    private Bucket newBucket(String clientKey) {
        if (shared == null) {
            return local();
        }
        return shared.builder().withOptimization(Optimizations.delaying(sync)).build(clientKey, () -> configuration);
    }

    /** One token from this replica's own bucket for the client (no database). */
    private io.github.bucket4j.ConsumptionProbe countHere(String clientKey) {
        return localFallback.get(clientKey, k -> local()).tryConsumeAndReturnRemaining(1);
    }

    private Bucket local() {
        return Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
    }
}
