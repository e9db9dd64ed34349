package org.serialregistry.verification.internal;

import java.time.Duration;

import org.springframework.util.unit.DataSize;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the public verification path ({@code serial-registry.verification.*}).
 *
 * @param reportTo                      where people report suspect units (a mailto: or https: address)
 * @param unitCacheTtl                  how long a unit's record may be served from memory; 0 turns the cache off
 * @param unitCacheSize                 at most this many units in memory (the cache is emptied when full)
 * @param maxProductsForMismatchSearch  a failing tag is tried against the other GTINs only up to this catalogue size
 * @param rateLimitPerMinute            requests a client key may make per minute on the public routes
 * @param rateLimitBurst                requests a client key may make at once
 * @param rateLimitClients              client keys tracked at most (the least recently seen are forgotten)
 * @param maxAnonymousRequest           largest request body an anonymous route accepts (413 above it)
 */
@ConfigurationProperties("serial-registry.verification")
public record VerificationProperties(@DefaultValue("mailto:brand-protection@serial-registry.example") String reportTo,
                                     @DefaultValue("10s") Duration unitCacheTtl,
                                     @DefaultValue("100000") int unitCacheSize,
                                     @DefaultValue("1000") int maxProductsForMismatchSearch,
                                     @DefaultValue("120") long rateLimitPerMinute,
                                     @DefaultValue("30") long rateLimitBurst,
                                     @DefaultValue("100000") int rateLimitClients,
                                     @Nullable String publicBaseUrl,
                                     @DefaultValue("1MB") DataSize maxAnonymousRequest) {
}
