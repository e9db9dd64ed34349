package org.serialregistry.lifecycle.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.serialregistry.lifecycle.EvidenceView;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** End-of-life evidence files (append-only: the database refuses updates and deletes). */
@Repository
public class EvidenceStore {

    private final JdbcClient jdbc;

    EvidenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(long id, String filename, String contentType, int sizeBytes, String sha256, int unitCount,
                       String recordedBy, OffsetDateTime recordedAt) {

        EvidenceView view() {
            return new EvidenceView(id, reference(id), filename, contentType, sizeBytes, sha256, unitCount, recordedBy,
                    recordedAt.toInstant());
        }
    }

    public static String reference(long id) {
        return "EV-" + id;
    }

    public EvidenceView insert(String filename, String contentType, byte[] content, String sha256, int units, String by,
                               Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into end_of_life_evidence (filename, content_type, size_bytes, sha256, unit_count, recorded_by, "
                        + "recorded_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(filename, contentType, content.length, sha256, units, by, at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("insert into end_of_life_evidence_content (evidence_id, content) values (?, ?)").params(id, content).update();
        return find(id).orElseThrow();
    }

    public Optional<EvidenceView> find(long id) {
        return jdbc.sql("select * from end_of_life_evidence where id = ?").param(id).query(Rows.of(Row.class)).optional()
                .map(Row::view);
    }

    public Optional<byte[]> content(long id) {
        return jdbc.sql("select content from end_of_life_evidence_content where evidence_id = ?").param(id)
                .query(byte[].class).optional();
    }
}
