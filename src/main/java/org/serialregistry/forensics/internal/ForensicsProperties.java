package org.serialregistry.forensics.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of forensic photo handling ({@code serial-registry.forensics.*}).
 *
 * @param maxDecodedImage    the memory one image may take once decoded (width × height × bytes per pixel,
 *                           read from its header before decoding); larger images are refused
 * @param maxParallelDecodes images decoded at once at most (the bulkhead)
 * @param decodeWait         how long an upload waits for a free decoding slot before it is refused (503)
 * @param retryAfter         what a refused client is told to wait (Retry-After)
 */
@ConfigurationProperties("serial-registry.forensics")
public record ForensicsProperties(@DefaultValue("128MB") DataSize maxDecodedImage,
                                  @DefaultValue("2") int maxParallelDecodes,
                                  @DefaultValue("2s") Duration decodeWait,
                                  @DefaultValue("5s") Duration retryAfter) {
}
