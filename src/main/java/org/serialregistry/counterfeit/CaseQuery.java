package org.serialregistry.counterfeit;

import org.jspecify.annotations.Nullable;

/**
 * Filters for listing cases; null means any.
 *
 * @param serial a case matches when any of its signals names this serial
 * @param type   a case matches when any of its signals has this type
 */
public record CaseQuery(@Nullable String serial, @Nullable CaseState state, @Nullable SignalType type, int limit) {

    public static CaseQuery all() {
        return new CaseQuery(null, null, null, 200);
    }
}
