package org.serialregistry.counterfeit.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of counterfeit detection ({@code serial-registry.counterfeit.*}).
 *
 * @param webhookUrl             where new high-severity cases are posted; none when blank
 * @param webhookSecret          HMAC-SHA256 key of the {@code X-Signature} header
 * @param webhookMaxAttempts     attempts before a delivery is given up (and logged)
 * @param webhookInitialBackoff  wait before the first retry; doubles with every further retry
 * @param trackedSerials         serials whose recent scans are kept in memory (least recently scanned go first)
 * @param trackedClients         clients whose recent bad codes are kept in memory
 * @param replayWindow           after a restart, scans of this long ago are replayed into the detector's memory ...
 * @param replayMaxScans         ... the newest this many at most (0: no replay)
 * @param centroidUncertaintyKm  how far a scan located only by its country may be from the country's centre
 */
@ConfigurationProperties("serial-registry.counterfeit")
public record CounterfeitProperties(@Nullable String webhookUrl, @Nullable String webhookSecret,
                                    @DefaultValue("6") int webhookMaxAttempts,
                                    @DefaultValue("2s") Duration webhookInitialBackoff,
                                    @DefaultValue("200000") int trackedSerials,
                                    @DefaultValue("50000") int trackedClients,
                                    @DefaultValue("250") double centroidUncertaintyKm,
                                    @DefaultValue("7d") Duration replayWindow,
                                    @DefaultValue("100000") int replayMaxScans) {
}
