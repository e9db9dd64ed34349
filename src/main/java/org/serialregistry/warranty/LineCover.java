package org.serialregistry.warranty;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * How one coverage line stands on a day.
 *
 * @param from    first day of the line's cover (null: not started, its start is not recorded)
 * @param until   last day of the line's cover (null: not started)
 * @param covered the day lies within the line's term (the unit's status aside)
 * @param words   e.g. "parts until 2028-11-21 (36 months from the production date 2025-11-22)"
 */
public record LineCover(CoverageLine line, @Nullable LocalDate from, @Nullable LocalDate until, boolean covered,
                        String words) {
}
