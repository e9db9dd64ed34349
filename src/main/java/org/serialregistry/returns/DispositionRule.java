package org.serialregistry.returns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A routing rule of the quality team: the first active rule (lowest priority) whose conditions all
 * hold gives a returned unit its disposition. A null condition matches anything.
 *
 * @param underWarranty true: only units under warranty; false: only units out of warranty
 * @param maxAgeDays    only units made at most this many days before intake
 */
public record DispositionRule(long id, int priority, @Nullable ReturnReason reason, @Nullable Boolean underWarranty,
                              @Nullable Integer maxAgeDays, ReturnDisposition disposition, String explanation,
                              boolean active, String changedBy, Instant changedAt, long version) {

    /** The conditions in words, e.g. "reason defective, under warranty". */
    public String conditions() {
        var parts = new java.util.ArrayList<String>();
        if (reason != null) {
            parts.add("reason " + reason.label().toLowerCase());
        }
        if (underWarranty != null) {
            parts.add(underWarranty ? "under warranty" : "out of warranty");
        }
        if (maxAgeDays != null) {
            parts.add("made at most " + maxAgeDays + " days ago");
        }
        return parts.isEmpty() ? "any unit" : String.join(", ", parts);
    }
}
