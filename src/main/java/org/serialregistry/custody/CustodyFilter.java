package org.serialregistry.custody;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Which custody events a report or search covers; null fields do not restrict. {@code to} is exclusive. */
public record CustodyFilter(@Nullable String gtin, @Nullable String lot, @Nullable String party,
                            @Nullable Instant from, @Nullable Instant to) {

    public static CustodyFilter all() {
        return new CustodyFilter(null, null, null, null, null);
    }
}
