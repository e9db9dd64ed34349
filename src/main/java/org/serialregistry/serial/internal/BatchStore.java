package org.serialregistry.serial.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BatchStatus;
import org.serialregistry.serial.BatchView;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
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
        return jdbc.query(SELECT + " where b.id = ?", ROW, id).stream().findFirst();
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
        return jdbc.query(SELECT + " where b.idempotency_key = ?", ROW, key).stream().findFirst();
    }

    public List<BatchRow> latest(int limit) {
        return jdbc.query(SELECT + " order by b.requested_at desc fetch first " + limit + " rows only", ROW);
    }

    /** Batches, newest first, for lazy grids. */
    public List<BatchRow> page(int offset, int limit) {
        return jdbc.query(SELECT + " order by b.requested_at desc, b.id offset ? rows fetch next ? rows only",
                ROW, offset, limit);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from serial_batch", Long.class);
    }

    /** Units of completed batches per product name, largest first. */
    public java.util.Map<String, Long> issuedPerProduct() {
        var result = new java.util.LinkedHashMap<String, Long>();
        JdbcClient.create(jdbc).sql("""
                select p.name, sum(b.issued_count) as units from serial_batch b join product p on p.id = b.product_id
                where b.status = 'COMPLETED' group by p.name order by units desc, p.name""")
                .query(Rows.of(ProductUnits.class)).list().forEach(r -> result.put(r.name(), r.units()));
        return result;
    }

    /** Units of completed batches per production day from {@code since} on, oldest first. */
    public java.util.Map<LocalDate, Long> issuedPerDay(LocalDate since) {
        var result = new java.util.LinkedHashMap<LocalDate, Long>();
        JdbcClient.create(jdbc).sql("""
                select production_date, sum(issued_count) as units from serial_batch
                where status = 'COMPLETED' and production_date >= ? group by production_date order by production_date""")
                .param(since).query(Rows.of(DayUnits.class)).list().forEach(r -> result.put(r.productionDate(), r.units()));
        return result;
    }

    public boolean anyUnfinished() {
        return jdbc.queryForObject("select count(*) from serial_batch where status in ('QUEUED', 'RUNNING')",
                Long.class) > 0;
    }

    public List<BatchRow> unfinished() {
        return jdbc.query(SELECT + " where b.status in ('QUEUED', 'RUNNING') order by b.requested_at", ROW);
    }

    /** A row of {@link #SELECT}, mapped by column name. */
    private record Joined(UUID id, BatchStatus status, String gtin, String productName, String lot, String facilityCode,
                          String lineCode, int quantity, int issuedCount, LocalDate productionDate,
                          @Nullable LocalDate expiryDate, String intendedMarket, String requestedBy, Instant requestedAt,
                          @Nullable Instant completedAt, @Nullable String failure, @Nullable String idempotencyKey,
                          String requestHash, int facilityNumber, int lineNumber, long firstSequence) {

        BatchRow row() {
            return new BatchRow(new BatchView(id, status, gtin, productName, lot, facilityCode, lineCode, quantity,
                    issuedCount, productionDate, expiryDate, intendedMarket, requestedBy, requestedAt, completedAt, failure),
                    idempotencyKey, requestHash, facilityNumber, lineNumber, firstSequence);
        }
    }

    private record ProductUnits(String name, long units) {
    }

    private record DayUnits(LocalDate productionDate, long units) {
    }

    private static final RowMapper<Joined> JOINED = Rows.of(Joined.class);
    private static final RowMapper<BatchRow> ROW = (rs, n) -> JOINED.mapRow(rs, n).row();
}
