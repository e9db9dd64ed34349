package org.serialregistry.forensics.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.forensics.CheckResult;
import org.serialregistry.forensics.ChecklistEntry;
import org.serialregistry.forensics.ChecklistItem;
import org.serialregistry.forensics.PhotoView;
import org.serialregistry.forensics.SerialSource;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Submissions, photos, checklists and signed verdicts, in plain JDBC. */
@Repository
public class SubmissionStore {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    SubmissionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    /** A submission row. */
    public record Row(long id, String serial, @Nullable String gtin, SerialSource serialSource, String foundWhere,
                      String receivedFrom, @Nullable String measurements, @Nullable String hologramReading,
                      @Nullable String nfcReading, @Nullable String note, String submittedBy, Instant submittedAt) {
    }

    /** A verdict row as stored (checklist as the JSON that was signed). */
    public record VerdictRow(long id, long submissionId, String verdict, String reasoning, String checklistJson,
                             String meaning, String signer, String signerName, Instant signedAt,
                             @Nullable Long supersedesId, String contentHash) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long insert(Row r) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into forensic_submission (serial, gtin, serial_source, found_where, received_from,
                      measurements, hologram_reading, nfc_reading, note, submitted_by, submitted_at)
                    values (?,?,?,?,?,?,?,?,?,?,?)""", new String[] {"id"});
            ps.setString(1, r.serial());
            ps.setString(2, r.gtin());
            ps.setString(3, r.serialSource().name());
            ps.setString(4, r.foundWhere());
            ps.setString(5, r.receivedFrom());
            ps.setString(6, r.measurements());
            ps.setString(7, r.hologramReading());
            ps.setString(8, r.nfcReading());
            ps.setString(9, r.note());
            ps.setString(10, r.submittedBy());
            ps.setObject(11, utc(r.submittedAt()));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void insertPhoto(long submissionId, PhotoInspector.Inspected p) {
        jdbc.update("insert into forensic_photo (submission_id, filename, content_type, size_bytes, width, height, sha256, "
                        + "content) values (?,?,?,?,?,?,?,?)", submissionId, p.filename(), p.contentType(),
                p.content().length, p.width(), p.height(), p.sha256(), p.content());
    }

    public Optional<Row> find(long id) {
        return client.sql("select * from forensic_submission where id = ?").param(id).query(Rows.of(Row.class)).optional();
    }

    public List<Row> latest(int limit) {
        return client.sql("select * from forensic_submission order by submitted_at desc, id desc fetch first "
                + Math.max(1, Math.min(limit, 1000)) + " rows only").query(Rows.of(Row.class)).list();
    }

    public List<PhotoView> photos(long submissionId) {
        return client.sql("select id, filename, content_type, size_bytes, width, height, sha256 from forensic_photo "
                + "where submission_id = ? order by id").param(submissionId).query(Rows.of(PhotoView.class)).list();
    }

    /** Content type and bytes of one photo. */
    public Optional<Map.Entry<String, byte[]>> photo(long photoId) {
        return client.sql("select content_type, content from forensic_photo where id = ?").param(photoId)
                .query(Rows.of(PhotoContent.class)).optional().map(p -> Map.entry(p.contentType(), p.content()));
    }

    /** Every item of the checklist; items not yet recorded are NOT_DONE. */
    public List<ChecklistEntry> checklist(long submissionId) {
        var map = new EnumMap<ChecklistItem, ChecklistEntry>(ChecklistItem.class);
        for (ChecklistItem item : ChecklistItem.values()) {
            map.put(item, new ChecklistEntry(item, CheckResult.NOT_DONE, null));
        }
        client.sql("select item, result, note from forensic_checklist_item where submission_id = ?").param(submissionId)
                .query(Rows.of(ChecklistEntry.class)).list().forEach(e -> map.put(e.item(), e));
        return List.copyOf(map.values());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void saveChecklist(long submissionId, List<ChecklistEntry> entries, String by, Instant at) {
        jdbc.update("delete from forensic_checklist_item where submission_id = ?", submissionId);
        jdbc.batchUpdate("insert into forensic_checklist_item (submission_id, item, result, note, updated_by, updated_at) "
                + "values (?,?,?,?,?,?)", entries.stream().map(e -> new Object[] {submissionId, e.item().name(),
                e.result().name(), e.note(), by, utc(at)}).toList());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long insertVerdict(VerdictRow v) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into forensic_verdict (submission_id, verdict, reasoning, checklist, meaning, signer,
                      signer_name, signed_at, supersedes_id, content_hash) values (?,?,?,?,?,?,?,?,?,?)""",
                    new String[] {"id"});
            ps.setLong(1, v.submissionId());
            ps.setString(2, v.verdict());
            ps.setString(3, v.reasoning());
            ps.setString(4, v.checklistJson());
            ps.setString(5, v.meaning());
            ps.setString(6, v.signer());
            ps.setString(7, v.signerName());
            ps.setObject(8, utc(v.signedAt()));
            ps.setObject(9, v.supersedesId());
            ps.setString(10, v.contentHash());
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Verdicts of a submission, oldest first (the last one is current). */
    public List<VerdictRow> verdicts(long submissionId) {
        return client.sql("select id, submission_id, verdict, reasoning, checklist as checklist_json, meaning, signer, "
                        + "signer_name, signed_at, supersedes_id, content_hash from forensic_verdict "
                        + "where submission_id = ? order by id").param(submissionId).query(Rows.of(VerdictRow.class)).list();
    }

    public long count(String table) {
        if (!table.matches("forensic_[a-z_]+")) {
            throw new IllegalArgumentException("table");
        }
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private record PhotoContent(String contentType, byte[] content) {
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
