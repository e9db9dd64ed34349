package org.serialregistry.serial.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the manufacturer secrets come from: {@code versions} (base64, e.g. from the environment
 * variable {@code SERIAL_REGISTRY_KEYS_VERSIONS_1}) with {@code active} naming the version used for
 * new serials; or, in demo mode only, a generated key file readable only by its owner.
 */
@ConfigurationProperties("serial-registry.keys")
public record SerialKeyProperties(@Nullable Integer active, @Nullable Map<Integer, String> versions,
                                  @Nullable String demoFile) {
}
