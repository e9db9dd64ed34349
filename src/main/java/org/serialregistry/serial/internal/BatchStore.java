package org.serialregistry.serial.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Serial batches: the request, its idempotency key and its progress. */
@Repository
public class BatchStore {

    private static final String SELECT = """
            select b.*, p.name as product_name, f.code as facility_code, f.number as facility_number,
                   l.code as line_code, l.number as line_number
            from serial_batch b
            join product p on p.id = b.product_id
            join facility f on f.id = b.facility_id
            join production_line l on l.id = b.line_id
            """;

    private final JdbcTemplate jdbc;

    BatchStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A batch as stored, with the numbers its serials encode. */
    public record BatchRow(BatchView view, @Nullable String idempotencyKey, String requestHash, int facilityNumber,
                    int lineNumber, long firstSequence) {
    }

    public void insert(UUID id, @Nullable String idempotencyKey, String requestHash, long productId, String gtin, String lot,
                long facilityId, long lineId, int quantity, LocalDate productionDate, @Nullable LocalDate expiry,
                String market, long firstSequence, String requestedBy, Instant requestedAt) {
        jdbc.update("""
                insert into serial_batch (id, idempotency_key, request_hash, product_id, gtin, lot, facility_id, line_id,
                    quantity, production_date, expiry_date, intended_market, first_sequence, status, issued_count,
                    requested_by, requested_at, version)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,0)""", id, idempotencyKey, requestHash, productId, gtin, lot,
                facilityId, lineId, quantity, productionDate, expiry, market, firstSequence, BatchStatus.QUEUED.name(),
                requestedBy, LifecycleLogStore.ts(requestedAt));
    }

    /**
     * @return false when the batch is no longer queued: another run (a resume at start-up, another
     *         replica) issued or failed it while this one waited for the row
     */
    public boolean markRunning(UUID id) {
        return jdbc.update("update serial_batch set status = ?, version = version + 1 where id = ? and status = ?",
                BatchStatus.RUNNING.name(), id, BatchStatus.QUEUED.name()) == 1;
    }

    public void markCompleted(UUID id, int issued, Instant at) {
        jdbc.update("update serial_batch set status = ?, issued_count = ?, completed_at = ?, version = version + 1 "
                + "where id = ?", BatchStatus.COMPLETED.name(), issued, LifecycleLogStore.ts(at), id);
    }

    public void markFailed(UUID id, String failure, Instant at) {
        jdbc.update("update serial_batch set status = ?, issued_count = 0, failure = ?, completed_at = ?, "
                        + "version = version + 1 where id = ?", BatchStatus.FAILED.name(),
                failure.length() > 1000 ? failure.substring(0, 1000) : failure, LifecycleLogStore.ts(at), id);
    }

    public Optional<BatchRow> find(UUID id) {
        return jdbc.query(SELECT + " where b.id = ?", BatchStore::map, id).stream().findFirst();
    }

    /**
     * Locks a queued or running batch's row until the caller's transaction ends; false when it is
     * finished, or when another replica holds it (it is issuing this batch now).
     */
    public boolean claim(UUID id) {
        return !jdbc.queryForList("select id from serial_batch where id = ? and status in ('QUEUED', 'RUNNING') "
                + "for update skip locked", Object.class, id).isEmpty();
    }

    public Optional<BatchRow> findByIdempotencyKey(String key) {
        return jdbc.query(SELECT + " where b.idempotency_key = ?", BatchStore::map, key).stream().findFirst();
    }

    public List<BatchRow> latest(int limit) {
        return jdbc.query(SELECT + " order by b.requested_at desc fetch first " + limit + " rows only", BatchStore::map);
    }

    /** Batches, newest first, for lazy grids. */
    public List<BatchRow> page(int offset, int limit) {
        return jdbc.query(SELECT + " order by b.requested_at desc, b.id offset ? rows fetch next ? rows only",
                BatchStore::map, offset, limit);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from serial_batch", Long.class);
    }

    /** Units of completed batches per product name, largest first. */
    public java.util.Map<String, Long> issuedPerProduct() {
        var result = new java.util.LinkedHashMap<String, Long>();
        jdbc.query("""
                select p.name, sum(b.issued_count) as units from serial_batch b join product p on p.id = b.product_id
                where b.status = 'COMPLETED' group by p.name order by units desc, p.name""",
                (ResultSet rs) -> {
                    result.put(rs.getString(1), rs.getLong(2));
                });
        return result;
    }

    /** Units of completed batches per production day from {@code since} on, oldest first. */
    public java.util.Map<LocalDate, Long> issuedPerDay(LocalDate since) {
        var result = new java.util.LinkedHashMap<LocalDate, Long>();
        jdbc.query("""
                select production_date, sum(issued_count) from serial_batch
                where status = 'COMPLETED' and production_date >= ? group by production_date order by production_date""",
                (ResultSet rs) -> {
                    result.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                }, since);
        return result;
    }

    public boolean anyUnfinished() {
        return jdbc.queryForObject("select count(*) from serial_batch where status in ('QUEUED', 'RUNNING')",
                Long.class) > 0;
    }

    public List<BatchRow> unfinished() {
        return jdbc.query(SELECT + " where b.status in ('QUEUED', 'RUNNING') order by b.requested_at", BatchStore::map);
    }

    private static BatchRow map(ResultSet rs, int n) throws SQLException {
        var completed = rs.getObject("completed_at", OffsetDateTime.class);
        var view = new BatchView(rs.getObject("id", UUID.class), BatchStatus.valueOf(rs.getString("status")),
                rs.getString("gtin"), rs.getString("product_name"), rs.getString("lot"), rs.getString("facility_code"),
                rs.getString("line_code"), rs.getInt("quantity"), rs.getInt("issued_count"),
                rs.getObject("production_date", LocalDate.class), rs.getObject("expiry_date", LocalDate.class),
                rs.getString("intended_market"), rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                completed == null ? null : completed.toInstant(), rs.getString("failure"));
        return new BatchRow(view, rs.getString("idempotency_key"), rs.getString("request_hash"),
                rs.getInt("facility_number"), rs.getInt("line_number"), rs.getLong("first_sequence"));
    }
}
