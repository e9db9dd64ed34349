package org.serialregistry.forensics;

import org.jspecify.annotations.Nullable;

/** What a photo of a unit's code held: the GS1 Digital Link and the identifiers in it. */
public record DecodedCode(String text, String gtin, @Nullable String lot, String serial) {
}
