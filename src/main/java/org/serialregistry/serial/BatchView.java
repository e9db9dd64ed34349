package org.serialregistry.serial;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A serial batch and how far its issuing has come. */
public record BatchView(UUID id, BatchStatus status, String gtin, String productName, String lot, String facility,
                        String line, int quantity, int issuedCount, LocalDate productionDate,
                        @Nullable LocalDate expiryDate, String intendedMarket, String requestedBy,
                        Instant requestedAt, @Nullable Instant completedAt, @Nullable String failure) {

    /** The id as other modules hold it. */
    public BatchId batchId() {
        return new BatchId(id);
    }

    /** 0..1 for progress bars. */
    public double progress() {
        return status == BatchStatus.COMPLETED ? 1.0 : quantity == 0 ? 0 : Math.min(1.0, issuedCount / (double) quantity);
    }
}
