package org.serialregistry.serial.internal;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.ChainKeys;
import org.serialregistry.audit.Checkpoint;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.ChainReport;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.EpcisEventType;
import org.serialregistry.serial.UnitStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The append-only lifecycle log, in plain JDBC. Appending locks the single chain-head row, so
 * events get consecutive ids and each hashes its predecessor; callers hold a transaction.
 */
@Repository
public class LifecycleLogStore {

    private static final String COLUMNS = "id, event_id, event_type, action, event_time, recorded_at, biz_step, "
            + "disposition, read_point, biz_location, source_party, destination_party, biz_transactions, gtin, lot, "
            + "batch_id, epc_count, epc_digest, new_status, error_declaration_for, reason, recorded_by, prev_hash, hash, mac_key";
    /** The same columns named as {@link EventRow}'s components, so that rows map by name. */
    private static final String SELECT = COLUMNS.replace("event_type", "event_type as type");
    private static final RowMapper<EventRow> EVENT = Rows.of(EventRow.class);

    private final JdbcTemplate jdbc;
    private final ChainKeys keys;

    LifecycleLogStore(JdbcTemplate jdbc, ChainKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** The keyed MAC of an event: HMAC-SHA256 under the chain key version, over the version and the canonical row. */
    String macOf(EventRow row, int version) {
        return keys.mac(version, "lifecycle/v" + version + "\u001f" + row.canonical());
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
        int version = keys.activeMacVersion();
        row = row.withHash(macOf(row, version));
        jdbc.update("insert into lifecycle_event (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                row.id(), row.eventId(), row.type().name(), row.action(), ts(row.eventTime()), ts(row.recordedAt()),
                row.bizStep().name(), name(row.disposition()), row.readPoint(), row.bizLocation(), row.sourceParty(),
                row.destinationParty(), row.bizTransactions(), row.gtin(), row.lot(), row.batchId(), row.epcCount(),
                row.epcDigest(), name(row.newStatus()), row.errorDeclarationFor(), row.reason(), row.recordedBy(),
                row.prevHash(), row.hash(), version);
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
        return jdbc.query("select " + SELECT + " from lifecycle_event where id in ("
                + "select event_id from lifecycle_event_epc where serial = ?) "
                + "or (biz_step = 'COMMISSIONING' and batch_id = (select batch_id from unit where serial = ?)) "
                + "order by id", EVENT, serial, serial);
    }

    /** Units named by events of one business step after {@code afterEventId}, in event order: (event id, serial). */
    public List<org.serialregistry.shared.KnownSerials.Row> serialsOfStepAfter(String bizStep, long afterEventId, int limit) {
        return jdbc.query("select p.event_id as id, p.serial from lifecycle_event_epc p join lifecycle_event e on e.id = p.event_id "
                        + "where p.event_id > ? and e.biz_step = ? order by p.event_id fetch first " + limit + " rows only",
                org.serialregistry.shared.Rows.of(org.serialregistry.shared.KnownSerials.Row.class), afterEventId, bizStep);
    }

    @Nullable
    public EventRow find(long id) {
        var rows = jdbc.query("select " + SELECT + " from lifecycle_event where id = ?", EVENT, id);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    public List<String> serialsOf(long eventId) {
        return jdbc.queryForList("select serial from lifecycle_event_epc where event_id = ? order by serial",
                String.class, eventId);
    }

    public List<EventRow> latest(int limit) {
        return jdbc.query("select " + SELECT + " from lifecycle_event order by id desc fetch first " + limit
                + " rows only", EVENT);
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from lifecycle_event", Long.class);
    }

    /** The newest event's id and MAC, read from the log itself (not from the head row). */
    public org.serialregistry.audit.ChainHead.Head head() {
        return JdbcClient.create(jdbc)
                .sql("select id as sequence, hash as mac from lifecycle_event order by id desc fetch first 1 rows only")
                .query(Rows.of(org.serialregistry.audit.ChainHead.Head.class)).optional()
                .orElseGet(() -> new org.serialregistry.audit.ChainHead.Head(0, Hashing.GENESIS));
    }

    /**
     * Recomputes every MAC and every EPC-list digest in order, then compares the chain with the
     * checkpoint (when given) and each unit's status with its events. Events written before chain keys
     * existed carry a plain SHA-256 ({@code mac_key} null); they are accepted only before the first keyed
     * event and the first checkpoint, which anchor them. Reads the log with a streaming cursor, so it
     * runs in constant memory.
     */
    public ChainReport verify(@Nullable Checkpoint checkpoint) {
        var state = new Object() {
            String prev = Hashing.GENESIS;
            long checked;
            long expectedId = 1;
            boolean keyedSeen;
            @Nullable String macAtCheckpoint;
            Long broken;
            String problem;
        };
        jdbc.query(con -> {
            var ps = con.prepareStatement("select " + SELECT + " from lifecycle_event order by id",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(500);
            return ps;
        }, rs -> {
            if (state.broken != null) {
                return;
            }
            EventRow row = EVENT.mapRow(rs, 0);
            Object macKey = rs.getObject("mac_key");
            String problem = null;
            long at = row.id();
            if (row.id() != state.expectedId) {
                at = state.expectedId;
                problem = "event " + state.expectedId + " is missing";
            } else if (!row.prevHash().equals(state.prev)) {
                problem = "event " + row.id() + " does not point to the MAC of its predecessor";
            } else if (macKey == null && (state.keyedSeen || (checkpoint != null && row.id() > checkpoint.sequence()))) {
                problem = "event " + row.id() + " lacks its keyed MAC: it was written or rewritten without the chain key";
            } else if (macKey != null && !keys.hasMacVersion(((Number) macKey).intValue())) {
                problem = "event " + row.id() + " names chain key version " + macKey + ", which this registry lacks";
            } else if (!(macKey == null ? row.computeHash() : macOf(row, ((Number) macKey).intValue())).equals(row.hash())) {
                problem = "event " + row.id() + " was altered: its content no longer matches its MAC";
            } else if (!epcDigestOf(row).equals(row.epcDigest())) {
                problem = "the serials listed by event " + row.id() + " were altered";
            }
            if (problem != null) {
                state.broken = at;
                state.problem = problem;
                return;
            }
            state.keyedSeen |= macKey != null;
            if (checkpoint != null && row.id() == checkpoint.sequence()) {
                state.macAtCheckpoint = row.hash();
            }
            state.prev = row.hash();
            state.checked++;
            state.expectedId++;
        });
        Long cpSeq = checkpoint == null ? null : checkpoint.sequence();
        java.time.Instant cpAt = checkpoint == null ? null : checkpoint.createdAt();
        if (state.broken != null) {
            return new ChainReport(false, state.checked, state.broken, state.problem, cpSeq, cpAt, null);
        }
        if (checkpoint != null && checkpoint.sequence() > state.checked) {
            return new ChainReport(false, state.checked, state.checked + 1, "event " + (state.checked + 1)
                    + " is missing: the log ends at event " + state.checked + " but the checkpoint of "
                    + checkpoint.createdAt() + " vouches for " + checkpoint.sequence() + " events", cpSeq, cpAt, null);
        }
        if (checkpoint != null && checkpoint.sequence() > 0 && !checkpoint.headMac().equals(state.macAtCheckpoint)) {
            return new ChainReport(false, state.checked, checkpoint.sequence(), "event " + checkpoint.sequence()
                    + " differs from the one the checkpoint of " + checkpoint.createdAt() + " vouches for", cpSeq, cpAt, null);
        }
        var head = jdbc.queryForMap("select last_id, last_hash from lifecycle_chain_head where id = 1");
        if (((Number) head.get("last_id")).longValue() != state.checked || !state.prev.equals(head.get("last_hash"))) {
            return new ChainReport(false, state.checked, state.checked + 1,
                    "the newest events are missing: the chain head says " + head.get("last_id"), cpSeq, cpAt, null);
        }
        var mismatch = firstStatusMismatch();
        if (mismatch != null) {
            return new ChainReport(false, state.checked, mismatch.eventId(), "unit " + mismatch.serial() + " has status "
                    + mismatch.actual() + " but its events say " + mismatch.expected(), cpSeq, cpAt, mismatch.serial());
        }
        return new ChainReport(true, state.checked, null, null, cpSeq, cpAt, null);
    }

    /** A unit whose current status row disagrees with the newest status-setting event that names it. */
    record StatusMismatch(String serial, String actual, String expected, @Nullable Long eventId) {
    }

    @Nullable
    StatusMismatch firstStatusMismatch() {
        return JdbcClient.create(jdbc).sql("""
                with last_status as (
                    select p.serial, max(p.event_id) as event_id
                    from lifecycle_event_epc p join lifecycle_event e on e.id = p.event_id
                    where e.new_status is not null group by p.serial)
                select u.serial, coalesce(s.status, 'ACTIVE') as actual, coalesce(e.new_status, 'ACTIVE') as expected,
                       coalesce(l.event_id, s.last_event_id) as event_id
                from (select serial from unit_status union select serial from last_status) u
                left join unit_status s on s.serial = u.serial
                left join last_status l on l.serial = u.serial
                left join lifecycle_event e on e.id = l.event_id
                where coalesce(s.status, 'ACTIVE') <> coalesce(e.new_status, 'ACTIVE')
                order by u.serial fetch first 1 rows only""")
                .query(Rows.of(StatusMismatch.class)).optional().orElse(null);
    }

    private String epcDigestOf(EventRow row) {
        var digest = new Hashing.SerialListDigest();
        var serials = row.batchId() != null && row.bizStep() == BusinessStep.COMMISSIONING
                ? JdbcClient.create(jdbc).sql("select serial from unit where batch_id = ? order by serial").param(row.batchId())
                : JdbcClient.create(jdbc).sql("select serial from lifecycle_event_epc where event_id = ? order by serial")
                .param(row.id());
        try (var stream = serials.query(String.class).stream()) {
            stream.forEach(digest::add);
        }
        return digest.hex();
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
