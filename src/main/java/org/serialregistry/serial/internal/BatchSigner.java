package org.serialregistry.serial.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes and stores a batch's signed Merkle root within the issuing transaction; at start-up, signs
 * batches issued before manufacturing signatures existed.
 */
@Component
public class BatchSigner {

    private static final Logger log = LoggerFactory.getLogger(BatchSigner.class);

    private final BatchSignatureStore store;
    private final BatchStore batches;
    private final ManufacturingKey key;
    private final TransactionTemplate tx;
    private final Clock clock;

    BatchSigner(BatchSignatureStore store, BatchStore batches, ManufacturingKey key, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.batches = batches;
        this.key = key;
        this.tx = tx;
        this.clock = clock;
    }

    /** {@code sortedSerials} in ascending order; every other field is the batch's. */
    void sign(UUID batchId, List<String> sortedSerials, String gtin, String lot, LocalDate productionDate,
              @Nullable LocalDate expiry, int facility, int line, String market, Instant at) {
        int n = sortedSerials.size();
        int chunkCount = (n + ProductionMerkle.CHUNK - 1) / ProductionMerkle.CHUNK;
        var chunks = new BatchSignatureStore.Chunk[chunkCount];
        var hasher = new ProductionMerkle.BatchLeaves(new ProductionMerkle.Record(gtin, sortedSerials.getFirst(), lot,
                batchId, productionDate, expiry, facility, line, market));
        var range = IntStream.range(0, chunkCount);
        (chunkCount > 64 ? range.parallel() : range).forEach(c -> {
            int from = c * ProductionMerkle.CHUNK;
            int to = Math.min(n, from + ProductionMerkle.CHUNK);
            var leaves = new ArrayList<byte[]>(to - from);
            for (int i = from; i < to; i++) {
                leaves.add(hasher.leaf(sortedSerials.get(i)));
            }
            chunks[c] = new BatchSignatureStore.Chunk(c, sortedSerials.get(from), sortedSerials.get(to - 1),
                    ProductionMerkle.hex(ProductionMerkle.root(leaves, -1, null)));
        });
        var chunkRoots = new ArrayList<byte[]>(chunkCount);
        for (var c : chunks) {
            chunkRoots.add(ProductionMerkle.unhex(c.hash()));
        }
        byte[] root = ProductionMerkle.root(chunkRoots, -1, null);
        store.insert(new BatchSignatureStore.Signature(batchId, n, ProductionMerkle.CHUNK, ProductionMerkle.hex(root),
                key.keyId(), Base64.getEncoder().encodeToString(key.sign(root))), List.of(chunks), at);
    }

    /** Batches issued before this feature get their signature at the first start that has it. */
    @EventListener(ApplicationReadyEvent.class)
    public void signOlderBatches() {
        for (UUID id : store.unsignedBatches()) {
            try {
                tx.executeWithoutResult(t -> {
                    var row = batches.find(id).orElseThrow();
                    var b = row.view();
                    var serials = new ArrayList<>(store.serialsOf(id));
                    if (serials.isEmpty()) {
                        return;
                    }
                    serials.sort(null);
                    sign(id, serials, b.gtin(), b.lot(), b.productionDate(), b.expiryDate(), row.facilityNumber(),
                            row.lineNumber(), b.intendedMarket(), Instant.now(clock));
                });
            } catch (RuntimeException e) {
                log.warn("Could not sign older batch {}: {}", id, e.toString());
            }
        }
    }
}
