package org.serialregistry.factors.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the second-factor master keys come from, like the serial keys: {@code versions} (base64,
 * e.g. {@code SERIAL_REGISTRY_FACTORS_KEYS_VERSIONS_1}) with {@code active} naming the version new
 * tags and scratch-off codes use; or, in demo mode only, a generated key file readable only by its owner.
 */
@ConfigurationProperties("serial-registry.factors.keys")
public record FactorKeyProperties(@Nullable Integer active, @Nullable Map<Integer, String> versions,
                                  @Nullable String demoFile) {
}
