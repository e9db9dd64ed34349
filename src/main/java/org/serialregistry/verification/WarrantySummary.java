package org.serialregistry.verification;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What the public may know about a unit's warranty.
 *
 * @param explanation one sentence for people, e.g. "Covered until 2027-11-03 (24 months from purchase)"
 */
public record WarrantySummary(boolean covered, @Nullable LocalDate until, String explanation, boolean registered) {
}
