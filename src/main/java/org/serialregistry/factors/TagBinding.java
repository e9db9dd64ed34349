package org.serialregistry.factors;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An NFC tag bound to a unit.
 *
 * @param lastCounter highest SUN read counter seen, null before the first tap
 */
public record TagBinding(String uid, String serial, String gtin, int keyVersion, @Nullable Integer lastCounter,
                         Instant boundAt) {
}
