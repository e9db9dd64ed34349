package org.serialregistry.forensics.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Submissions, photos, checklists and signed verdicts, in plain JDBC. */
@Repository
public class SubmissionStore {

    private final JdbcTemplate jdbc;

    SubmissionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.query("select * from forensic_submission where id = ?", SubmissionStore::map, id).stream().findFirst();
    }

    public List<Row> latest(int limit) {
        return jdbc.query("select * from forensic_submission order by submitted_at desc, id desc fetch first "
                + Math.max(1, Math.min(limit, 1000)) + " rows only", SubmissionStore::map);
    }

    public List<PhotoView> photos(long submissionId) {
        return jdbc.query("select id, filename, content_type, size_bytes, width, height, sha256 from forensic_photo "
                + "where submission_id = ? order by id", (rs, n) -> new PhotoView(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getString(7)), submissionId);
    }

    /** Content type and bytes of one photo. */
    public Optional<Map.Entry<String, byte[]>> photo(long photoId) {
        return jdbc.query("select content_type, content from forensic_photo where id = ?",
                (rs, n) -> Map.entry(rs.getString(1), rs.getBytes(2)), photoId).stream().findFirst();
    }

    /** Every item of the checklist; items not yet recorded are NOT_DONE. */
    public List<ChecklistEntry> checklist(long submissionId) {
        var map = new EnumMap<ChecklistItem, ChecklistEntry>(ChecklistItem.class);
        for (ChecklistItem item : ChecklistItem.values()) {
            map.put(item, new ChecklistEntry(item, CheckResult.NOT_DONE, null));
        }
        jdbc.query("select item, result, note from forensic_checklist_item where submission_id = ?", (ResultSet rs) -> {
            var item = ChecklistItem.valueOf(rs.getString(1));
            map.put(item, new ChecklistEntry(item, CheckResult.valueOf(rs.getString(2)), rs.getString(3)));
        }, submissionId);
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
        return jdbc.query("select * from forensic_verdict where submission_id = ? order by id", (rs, n) ->
                new VerdictRow(rs.getLong("id"), rs.getLong("submission_id"), rs.getString("verdict"),
                        rs.getString("reasoning"), rs.getString("checklist"), rs.getString("meaning"),
                        rs.getString("signer"), rs.getString("signer_name"),
                        rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                        (Long) rs.getObject("supersedes_id", Long.class), rs.getString("content_hash")), submissionId);
    }

    public long count(String table) {
        if (!table.matches("forensic_[a-z_]+")) {
            throw new IllegalArgumentException("table");
        }
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("serial"), rs.getString("gtin"),
                SerialSource.valueOf(rs.getString("serial_source")), rs.getString("found_where"),
                rs.getString("received_from"), rs.getString("measurements"), rs.getString("hologram_reading"),
                rs.getString("nfc_reading"), rs.getString("note"), rs.getString("submitted_by"),
                rs.getObject("submitted_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
