package org.serialregistry.serial.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Signed Merkle roots of batches and their chunk roots (append-only). */
@Repository
public class BatchSignatureStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    BatchSignatureStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record Signature(UUID batchId, int leafCount, int chunkSize, String merkleRoot, String keyId, String signature) {
    }

    public record Chunk(int chunkNo, String firstSerial, String lastSerial, String hash) {
    }

    void insert(Signature s, List<Chunk> chunks, Instant at) {
        template.batchUpdate("insert into batch_merkle_chunk (batch_id, chunk_no, first_serial, last_serial, hash) "
                + "values (?, ?, ?, ?, ?)", chunks, 5000, (ps, c) -> {
            ps.setObject(1, s.batchId());
            ps.setInt(2, c.chunkNo());
            ps.setString(3, c.firstSerial());
            ps.setString(4, c.lastSerial());
            ps.setString(5, c.hash());
        });
        jdbc.sql("insert into batch_signature (batch_id, leaf_count, chunk_size, merkle_root, key_id, signature, signed_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(s.batchId(), s.leafCount(), s.chunkSize(), s.merkleRoot(), s.keyId(), s.signature(),
                        LifecycleLogStore.ts(at))
                .update();
    }

    public Optional<Signature> find(UUID batchId) {
        return jdbc.sql("select batch_id, leaf_count, chunk_size, merkle_root, key_id, signature from batch_signature "
                + "where batch_id = ?").param(batchId).query(Rows.of(Signature.class)).optional();
    }

    public List<Chunk> chunks(UUID batchId) {
        return jdbc.sql("select chunk_no, first_serial, last_serial, hash from batch_merkle_chunk where batch_id = ? "
                + "order by chunk_no").param(batchId).query(Rows.of(Chunk.class)).list();
    }

    public List<String> serialsBetween(UUID batchId, String first, String last) {
        return jdbc.sql("select serial from unit where serial between ? and ? and batch_id = ?")
                .params(first, last, batchId).query(String.class).list();
    }

    public Optional<ProductionMerkle.Record> record(String serial) {
        return jdbc.sql("select gtin, serial, lot, batch_id, production_date, expiry_date, facility_number, line_number, "
                + "intended_market from unit where serial = ?").param(serial).query(Rows.of(ProductionMerkle.Record.class)).optional();
    }

    /** Completed batches that have no signature yet (issued before manufacturing signatures existed). */
    public List<UUID> unsignedBatches() {
        return jdbc.sql("select b.id from serial_batch b where b.status = 'COMPLETED' and not exists "
                + "(select 1 from batch_signature s where s.batch_id = b.id) order by b.requested_at")
                .query(UUID.class).list();
    }

    public List<String> serialsOf(UUID batchId) {
        return jdbc.sql("select serial from unit where batch_id = ?").param(batchId).query(String.class).list();
    }
}
