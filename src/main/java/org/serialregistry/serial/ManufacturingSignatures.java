package org.serialregistry.serial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.serialregistry.serial.internal.BatchSignatureStore;
import org.serialregistry.serial.internal.ManufacturingKey;
import org.serialregistry.serial.internal.ProductionMerkle;
import org.serialregistry.shared.SerialNumber;
import org.springframework.stereotype.Service;

/**
 * The manufacturing signature: each batch's Merkle root over its units' immutable production records,
 * signed with the manufacturer's Ed25519 key at issue. A unit's proof is computed from its chunk of
 * {@value ProductionMerkle#CHUNK} serials and the batch's stored chunk roots (both cached, bounded), never
 * from the whole batch. Public: the proof and the public keys are what anyone may see.
 */
@Service
public class ManufacturingSignatures {

    private record BatchTree(BatchSignatureStore.Signature signature, List<BatchSignatureStore.Chunk> chunks,
                             List<byte[]> chunkRoots) {
    }

    private final BatchSignatureStore store;
    private final ManufacturingKey key;
    private final Cache<UUID, BatchTree> trees = Caffeine.newBuilder().maximumWeight(200_000)
            .weigher((UUID id, BatchTree t) -> 1 + t.chunks().size()).expireAfterAccess(Duration.ofHours(1)).build();
    private final Cache<String, Optional<ManufacturingProof>> proofs = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    ManufacturingSignatures(BatchSignatureStore store, ManufacturingKey key) {
        this.store = store;
        this.key = key;
    }

    /** The manufacturer's public key(s), for /.well-known/serial-registry-keys.json. */
    public List<ManufacturingProof.PublicKey> publicKeys() {
        return List.of(new ManufacturingProof.PublicKey(key.keyId(), "Ed25519",
                Base64.getEncoder().encodeToString(key.publicKey()), "batch-merkle-root"));
    }

    /** The unit's offline-verifiable proof; empty for a unit never issued or whose batch is not signed. */
    public Optional<ManufacturingProof> proofOf(SerialNumber serial) {
        var cached = proofs.getIfPresent(serial.value());
        if (cached != null) {
            return cached;
        }
        var proof = compute(serial.value());
        if (proof.isPresent()) {
            proofs.put(serial.value(), proof);
        }
        return proof;
    }

    private Optional<ManufacturingProof> compute(String serial) {
        var record = store.record(serial).orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        var tree = trees.get(record.batchId(), this::load);
        if (tree == null) {
            return Optional.empty();
        }
        var chunks = tree.chunks();
        int lo = 0;
        int hi = chunks.size() - 1;
        int chunkNo = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            var c = chunks.get(mid);
            if (serial.compareTo(c.firstSerial()) < 0) {
                hi = mid - 1;
            } else if (serial.compareTo(c.lastSerial()) > 0) {
                lo = mid + 1;
            } else {
                chunkNo = mid;
                break;
            }
        }
        if (chunkNo < 0) {
            return Optional.empty();
        }
        var chunk = chunks.get(chunkNo);
        var serials = new ArrayList<>(store.serialsBetween(record.batchId(), chunk.firstSerial(), chunk.lastSerial()));
        Collections.sort(serials);
        int index = serials.indexOf(serial);
        var leaves = new ArrayList<byte[]>(serials.size());
        for (String s : serials) {
            leaves.add(ProductionMerkle.leaf(new ProductionMerkle.Record(record.gtin(), s, record.lot(), record.batchId(),
                    record.productionDate(), record.expiryDate(), record.facilityNumber(), record.lineNumber(),
                    record.intendedMarket()).text()));
        }
        var steps = new ArrayList<ProductionMerkle.Step>();
        ProductionMerkle.rootWithPath(leaves, index, steps);
        ProductionMerkle.rootWithPath(tree.chunkRoots(), chunkNo, steps);
        var sig = tree.signature();
        return Optional.of(new ManufacturingProof("Ed25519", sig.keyId(), record.text(),
                new ManufacturingProof.Fields(record.gtin(), record.serial(), record.lot(), record.batchId().toString(),
                        record.productionDate().toString(), record.expiryDate() == null ? null : record.expiryDate().toString(),
                        record.facilityNumber(), record.lineNumber(), record.intendedMarket()),
                java.util.HexFormat.of().formatHex(leaves.get(index)),
                steps.stream().map(s -> new ManufacturingProof.Step(s.side(), s.hash())).toList(), sig.merkleRoot(),
                sig.signature(), sig.leafCount()));
    }

    private BatchTree load(UUID batchId) {
        var sig = store.find(batchId).orElse(null);
        if (sig == null) {
            return null;
        }
        var chunks = store.chunks(batchId);
        var roots = new ArrayList<byte[]>(chunks.size());
        chunks.forEach(c -> roots.add(java.util.HexFormat.of().parseHex(c.hash())));
        return new BatchTree(sig, chunks, roots);
    }
}
