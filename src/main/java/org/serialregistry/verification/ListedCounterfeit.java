package org.serialregistry.verification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An entry of the public counterfeit list. The note is internal; the public page shows only the fact. */
public record ListedCounterfeit(String serial, @Nullable String gtin, CounterfeitReason reason, @Nullable String note,
                                String listedBy, Instant listedAt) {
}
