package org.serialregistry.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Portal login throttle ({@code serial-registry.login.*}).
 *
 * @param failuresPerAccount wrong passwords for one user name before it is locked
 * @param failuresPerClient  wrong passwords from one client address (any user names) before it is locked
 * @param lock               the first lock; each further lock doubles it
 * @param maxLock            the longest lock
 * @param tracked            accounts and clients remembered at most (least recently used forgotten)
 */
@ConfigurationProperties("serial-registry.login")
record LoginThrottleProperties(@DefaultValue("5") int failuresPerAccount, @DefaultValue("20") int failuresPerClient,
                               @DefaultValue("30s") Duration lock, @DefaultValue("15m") Duration maxLock,
                               @DefaultValue("100000") int tracked) {
}
