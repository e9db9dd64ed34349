package org.serialregistry.serial.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.ChainReport;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.UnitStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The append-only lifecycle log, in plain JDBC. Appending locks the single chain-head row, so
 * events get consecutive ids and each hashes its predecessor; callers hold a transaction.
 */
@Repository
public class LifecycleLogStore {

    private static final String COLUMNS = "id, event_id, event_type, action, event_time, recorded_at, biz_step, "
            + "disposition, read_point, biz_location, source_party, destination_party, biz_transactions, gtin, lot, "
            + "batch_id, epc_count, epc_digest, new_status, error_declaration_for, reason, recorded_by, prev_hash, hash";

    private final JdbcTemplate jdbc;

    LifecycleLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What an event says, before the log gives it an id and a place in the chain. */
    public record Draft(EpcisEventType type, String action, java.time.Instant eventTime, java.time.Instant recordedAt,
                 BusinessStep bizStep, @Nullable Disposition disposition, @Nullable String readPoint,
                 @Nullable String bizLocation, @Nullable String sourceParty, @Nullable String destinationParty,
                 @Nullable String bizTransactions, @Nullable String gtin, @Nullable String lot, @Nullable UUID batchId,
                 @Nullable UnitStatus newStatus, @Nullable Long errorDeclarationFor, @Nullable String reason,
                 String recordedBy) {
    }

    /**
     * Appends an event. {@code serials} are stored as the event's EPC list; a batch's commissioning
     * event passes none and lists its units through {@code batchId} (digest given by the caller).
     */
    public EventRow append(Draft d, List<String> serials, int epcCount, String epcDigest) {
        var head = jdbc.queryForMap("select last_id, last_hash from lifecycle_chain_head where id = 1 for update");
        long id = ((Number) head.get("last_id")).longValue() + 1;
        String prevHash = (String) head.get("last_hash");
        var row = new EventRow(id, UUID.randomUUID(), d.type(), d.action(), d.eventTime(), d.recordedAt(), d.bizStep(),
                d.disposition(), d.readPoint(), d.bizLocation(), d.sourceParty(), d.destinationParty(),
                d.bizTransactions(), d.gtin(), d.lot(), d.batchId(), epcCount, epcDigest, d.newStatus(),
                d.errorDeclarationFor(), d.reason(), d.recordedBy(), prevHash, null);
        row = row.withHash(row.computeHash());
        jdbc.update("insert into lifecycle_event (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                row.id(), row.eventId(), row.type().name(), row.action(), ts(row.eventTime()), ts(row.recordedAt()),
                row.bizStep().name(), name(row.disposition()), row.readPoint(), row.bizLocation(), row.sourceParty(),
                row.destinationParty(), row.bizTransactions(), row.gtin(), row.lot(), row.batchId(), row.epcCount(),
                row.epcDigest(), name(row.newStatus()), row.errorDeclarationFor(), row.reason(), row.recordedBy(),
                row.prevHash(), row.hash());
        if (!serials.isEmpty()) {
            final long eventId = id;
            jdbc.batchUpdate("insert into lifecycle_event_epc (event_id, serial) values (?, ?)", serials, 1000,
                    (ps, serial) -> {
                        ps.setLong(1, eventId);
                        ps.setString(2, serial);
                    });
        }
        jdbc.update("update lifecycle_chain_head set last_id = ?, last_hash = ? where id = 1", id, row.hash());
        return row;
    }

    public List<EventRow> historyOf(String serial) {
        return jdbc.query("select " + COLUMNS + " from lifecycle_event where id in ("
                + "select event_id from lifecycle_event_epc where serial = ?) "
                + "or (biz_step = 'COMMISSIONING' and batch_id = (select batch_id from unit where serial = ?)) "
                + "order by id", this::map, serial, serial);
    }

    @Nullable
    public EventRow find(long id) {
        var rows = jdbc.query("select " + COLUMNS + " from lifecycle_event where id = ?", this::map, id);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    public List<String> serialsOf(long eventId) {
        return jdbc.queryForList("select serial from lifecycle_event_epc where event_id = ? order by serial",
                String.class, eventId);
    }

    public List<EventRow> latest(int limit) {
        return jdbc.query("select " + COLUMNS + " from lifecycle_event order by id desc fetch first " + limit
                + " rows only", this::map);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from lifecycle_event", Long.class);
    }

    /**
     * Recomputes every hash and every EPC-list digest in order. Reads the log in id order with a
     * streaming cursor, so it runs in constant memory.
     */
    public ChainReport verify() {
        var state = new Object() {
            String prev = Hashing.GENESIS;
            long checked;
            long expectedId = 1;
            Long broken;
            String problem;
        };
        jdbc.query(con -> {
            var ps = con.prepareStatement("select " + COLUMNS + " from lifecycle_event order by id",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(500);
            return ps;
        }, rs -> {
            if (state.broken != null) {
                return;
            }
            EventRow row = map(rs, 0);
            String problem = null;
            if (row.id() != state.expectedId) {
                problem = "event " + state.expectedId + " is missing";
            } else if (!row.prevHash().equals(state.prev)) {
                problem = "event " + row.id() + " does not point to the hash of its predecessor";
            } else if (!row.computeHash().equals(row.hash())) {
                problem = "event " + row.id() + " was altered: its content no longer matches its hash";
            } else if (!epcDigestOf(row).equals(row.epcDigest())) {
                problem = "the serials listed by event " + row.id() + " were altered";
            }
            if (problem != null) {
                state.broken = row.id();
                state.problem = problem;
                return;
            }
            state.prev = row.hash();
            state.checked++;
            state.expectedId++;
        });
        if (state.broken == null) {
            var head = jdbc.queryForMap("select last_id, last_hash from lifecycle_chain_head where id = 1");
            if (((Number) head.get("last_id")).longValue() != state.checked || !state.prev.equals(head.get("last_hash"))) {
                return new ChainReport(false, state.checked, state.checked + 1,
                        "the newest events are missing: the chain head says " + head.get("last_id"));
            }
        }
        return new ChainReport(state.broken == null, state.checked, state.broken, state.problem);
    }

    private String epcDigestOf(EventRow row) {
        var digest = new Hashing.SerialListDigest();
        Consumer<String> add = digest::add;
        if (row.batchId() != null && row.bizStep() == BusinessStep.COMMISSIONING) {
            jdbc.query("select serial from unit where batch_id = ? order by serial",
                    (ResultSet rs) -> add.accept(rs.getString(1)), row.batchId());
        } else {
            jdbc.query("select serial from lifecycle_event_epc where event_id = ? order by serial",
                    (ResultSet rs) -> add.accept(rs.getString(1)), row.id());
        }
        return digest.hex();
    }

    private EventRow map(ResultSet rs, int n) throws SQLException {
        Object errorFor = rs.getObject("error_declaration_for");
        return new EventRow(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                EpcisEventType.valueOf(rs.getString("event_type")), rs.getString("action"),
                rs.getObject("event_time", OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                BusinessStep.valueOf(rs.getString("biz_step")), enumOrNull(Disposition.class, rs.getString("disposition")),
                rs.getString("read_point"), rs.getString("biz_location"), rs.getString("source_party"),
                rs.getString("destination_party"), rs.getString("biz_transactions"), rs.getString("gtin"),
                rs.getString("lot"), rs.getObject("batch_id", UUID.class), rs.getInt("epc_count"),
                rs.getString("epc_digest"), enumOrNull(UnitStatus.class, rs.getString("new_status")),
                errorFor == null ? null : ((Number) errorFor).longValue(), rs.getString("reason"),
                rs.getString("recorded_by"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static <E extends Enum<E>> @Nullable E enumOrNull(Class<E> type, @Nullable String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static @Nullable String name(@Nullable Enum<?> e) {
        return e == null ? null : e.name();
    }

    /** timestamptz columns take an OffsetDateTime in UTC on H2 and PostgreSQL alike (no JVM zone involved). */
    public static OffsetDateTime ts(java.time.Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    public static List<String> values(List<org.serialregistry.shared.SerialNumber> serials) {
        var list = new ArrayList<String>(serials.size());
        serials.forEach(s -> list.add(s.value()));
        return list;
    }
}
