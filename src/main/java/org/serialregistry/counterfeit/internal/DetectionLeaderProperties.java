package org.serialregistry.counterfeit.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How counterfeit detection is fed ({@code serial-registry.counterfeit.leader.*}).
 *
 * @param mode         {@code auto}: on PostgreSQL one leader (advisory lock) follows the scan log that all
 *                     replicas write; elsewhere (H2, one instance) each flushed batch is judged as it is written.
 *                     {@code events}: always the latter (one instance only)
 * @param tailInterval how often the leader reads the scan log (and a replica asks for the lock)
 * @param openTimeout  how long a position skipped in the log (another replica's batch not yet committed) is
 *                     read again before it is taken as never written (a rolled-back batch)
 * @param batchSize    scans judged per read
 */
@ConfigurationProperties("serial-registry.counterfeit.leader")
public record DetectionLeaderProperties(@DefaultValue("auto") Mode mode, @DefaultValue("1s") Duration tailInterval,
                                        @DefaultValue("2m") Duration openTimeout,
                                        @DefaultValue("5000") int batchSize) {

    public enum Mode { AUTO, EVENTS }
}
