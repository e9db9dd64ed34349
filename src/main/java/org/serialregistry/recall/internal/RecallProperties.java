package org.serialregistry.recall.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Recall settings ({@code serial-registry.recall.*}).
 *
 * @param chunkSize      units the background job marks RECALLED per transaction (and per lifecycle event)
 * @param mailFrom       sender of the owners' e-mails
 * @param noticeInterval how often the notifier looks for notices due (owner e-mails, partner webhooks)
 * @param maxAttempts    attempts per notice before it is given up (kept as FAILED, shown on the campaign page)
 * @param initialBackoff wait after the first failed attempt; doubles with each further one
 */
@ConfigurationProperties("serial-registry.recall")
public record RecallProperties(@DefaultValue("2000") int chunkSize,
                               @DefaultValue("recalls@serial-registry.example") String mailFrom,
                               @DefaultValue("2s") Duration noticeInterval,
                               @DefaultValue("8") int maxAttempts,
                               @DefaultValue("30s") Duration initialBackoff) {
}
