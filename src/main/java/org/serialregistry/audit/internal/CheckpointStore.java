package org.serialregistry.audit.internal;

import java.time.Instant;
import java.util.Optional;

import org.serialregistry.audit.Checkpoint;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only table of signed checkpoints. */
@Repository
public class CheckpointStore {

    private final JdbcClient jdbc;

    CheckpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Checkpoint c) {
        jdbc.sql("insert into chain_checkpoint (chain, sequence, head_mac, created_at, key_id, signature) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(c.chain(), c.sequence(), c.headMac(), c.createdAt().atOffset(java.time.ZoneOffset.UTC), c.keyId(),
                        c.signature())
                .update();
    }

    public Optional<Checkpoint> latest(String chain) {
        return jdbc.sql("select chain, sequence, head_mac, created_at, key_id, signature from chain_checkpoint "
                        + "where chain = ? order by sequence desc, id desc fetch first 1 rows only")
                .param(chain)
                .query(Rows.of(Checkpoint.class))
                .optional();
    }

    record Latest(Instant createdAt) {
    }
}
