package org.serialregistry.returns;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A return with its lines. */
public record ReturnView(long id, String rmaNumber, String fromParty, @Nullable String receivedBy, String channel,
                         String createdBy, Instant createdAt, List<ReturnLineView> lines) {

    public long quarantined() {
        return lines.stream().filter(ReturnLineView::quarantined).count();
    }

    public long refundable() {
        return lines.stream().filter(ReturnLineView::refundable).count();
    }
}
