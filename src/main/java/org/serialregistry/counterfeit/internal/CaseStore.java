package org.serialregistry.counterfeit.internal;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.AlertCaseId;
import org.serialregistry.counterfeit.AlertCaseSummary;
import org.serialregistry.counterfeit.CaseNote;
import org.serialregistry.counterfeit.CaseQuery;
import org.serialregistry.counterfeit.CaseState;
import org.serialregistry.counterfeit.EvidenceScan;
import org.serialregistry.counterfeit.Severity;
import org.serialregistry.counterfeit.SignalType;
import org.serialregistry.counterfeit.SignalView;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Alert cases, their signals, evidence scans and notes, in plain JDBC. */
@Repository
public class CaseStore {

    private static final String OPEN_STATES = "('OPEN','INVESTIGATING')";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    CaseStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.clock = clock;
    }

    /** A stored signal and what it did to its case. */
    public record Stored(long caseId, long signalId, boolean caseOpened, boolean becameHigh) {
    }

    /**
     * Stores a signal in the open case of its serial, else of its lot (same family of signals), else
     * of its client, else in a new case. The case takes the highest severity of its signals.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Stored add(NewSignal s) {
        Instant now = now();
        CaseRow target = findOpenCase(s);
        boolean opened = false;
        if (target == null) {
            target = insertCase(s, now);
            opened = true;
        } else if ("SERIAL".equals(target.groupKind) && s.serial() != null && !s.serial().equals(target.serial)
                && s.type().grouping() == SignalType.Grouping.SERIAL) {
            // a second serial of the same lot: the case is now about the lot
            jdbc.update("update alert_case set group_kind = 'LOT', group_key = ? where id = ?",
                    lotKey(s.gtin(), s.lot()), target.id);
        }
        long signalId = insertSignal(target.id, s, now);
        Severity newSeverity = Severity.max(target.severity, s.severity());
        Instant firstSeen = s.scanAt().isBefore(target.firstSeenAt) ? s.scanAt() : target.firstSeenAt;
        jdbc.update("update alert_case set severity = ?, signal_count = signal_count + 1, first_seen_at = ?, "
                        + "updated_at = ?, version = version + 1 where id = ?", newSeverity.name(), utc(firstSeen),
                utc(now), target.id);
        boolean becameHigh = newSeverity.high() && (opened || !target.severity.high());
        return new Stored(target.id, signalId, opened, becameHigh);
    }

    private @Nullable CaseRow findOpenCase(NewSignal s) {
        if (s.type().grouping() == SignalType.Grouping.CLIENT) {
            return s.clientKey() == null ? null : first("select * from alert_case where group_kind = 'CLIENT' and "
                    + "group_key = ? and state in " + OPEN_STATES + " order by id", s.clientKey());
        }
        if (s.serial() != null) {
            var bySerial = first("select * from alert_case where serial = ? and group_kind <> 'CLIENT' and state in "
                    + OPEN_STATES + " order by id", s.serial());
            if (bySerial != null) {
                return bySerial;
            }
            var bySignal = first("select c.* from alert_case c where c.state in " + OPEN_STATES + " and c.group_kind <> "
                    + "'CLIENT' and exists (select 1 from alert_signal g where g.case_id = c.id and g.serial = ?) "
                    + "order by c.id", s.serial());
            if (bySignal != null) {
                return bySignal;
            }
        }
        if (s.gtin() != null && s.lot() != null) {
            var candidates = jdbc.query("select * from alert_case where gtin = ? and lot = ? and group_kind <> 'CLIENT' "
                    + "and state in " + OPEN_STATES + " order by id", CASE_ROW, s.gtin(), s.lot());
            for (CaseRow c : candidates) {
                if (c.firstType.family().equals(s.type().family())) {
                    return c;
                }
            }
        }
        return null;
    }

    private CaseRow insertCase(NewSignal s, Instant now) {
        String kind = s.type().grouping() == SignalType.Grouping.CLIENT ? "CLIENT" : "SERIAL";
        String key = "CLIENT".equals(kind) ? s.clientKey() : s.serial() == null ? "?" : s.serial();
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into alert_case (group_kind, group_key, state, severity, first_type, serial, gtin, lot,
                      client_key, country, assignee, signal_count, first_seen_at, opened_at, updated_at, version)
                    values (?,?,?,?,?,?,?,?,?,?,null,0,?,?,?,0)""", new String[] {"id"});
            ps.setString(1, kind);
            ps.setString(2, key);
            ps.setString(3, CaseState.OPEN.name());
            ps.setString(4, s.severity().name());
            ps.setString(5, s.type().name());
            ps.setString(6, "CLIENT".equals(kind) ? null : s.serial());
            ps.setString(7, s.gtin());
            ps.setString(8, s.lot());
            ps.setString(9, s.clientKey());
            ps.setString(10, s.country());
            ps.setObject(11, utc(s.scanAt()));
            ps.setObject(12, utc(now));
            ps.setObject(13, utc(now));
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        return new CaseRow(id, kind, key, CaseState.OPEN, s.severity(), s.type(), s.serial(), s.scanAt());
    }

    private long insertSignal(long caseId, NewSignal s, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into alert_signal (case_id, type, severity, serial, gtin, lot, client_key, country, scan_at,
                      detected_at, detail) values (?,?,?,?,?,?,?,?,?,?,?)""", new String[] {"id"});
            ps.setLong(1, caseId);
            ps.setString(2, s.type().name());
            ps.setString(3, s.severity().name());
            ps.setString(4, s.serial());
            ps.setString(5, s.gtin());
            ps.setString(6, s.lot());
            ps.setString(7, s.clientKey());
            ps.setString(8, s.country());
            ps.setObject(9, utc(s.scanAt()));
            ps.setObject(10, utc(now));
            ps.setString(11, s.detail());
            return ps;
        }, keys);
        long signalId = keys.getKey().longValue();
        var distinct = new LinkedHashMap<UUID, EvidenceScan>();
        s.scans().forEach(e -> distinct.putIfAbsent(e.scanId(), e));
        var rows = new ArrayList<Object[]>();
        for (EvidenceScan e : distinct.values()) {
            rows.add(new Object[] {signalId, e.scanId(), utc(e.at()), e.gtin(), cut(e.serial(), 20), e.outcome(),
                    cut(e.clientKey(), 64), cut(e.sessionId(), 64), e.country(), e.latitude(), e.longitude(),
                    e.unitStatus()});
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into alert_signal_scan (signal_id, scan_id, scanned_at, gtin, serial, outcome, "
                    + "client_key, session_id, country, latitude, longitude, unit_status) values (?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows, new int[] {Types.BIGINT, Types.OTHER, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR,
                            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE,
                            Types.DOUBLE, Types.VARCHAR});
        }
        return signalId;
    }

    // ---- reading

    public List<AlertCaseSummary> search(CaseQuery q) {
        var sql = new StringBuilder("select c.* from alert_case c where 1 = 1");
        var p = new MapSqlParameterSource();
        if (q.state() != null) {
            sql.append(" and c.state = :state");
            p.addValue("state", q.state().name());
        }
        if (q.serial() != null) {
            sql.append(" and (c.serial = :serial or exists (select 1 from alert_signal g where g.case_id = c.id "
                    + "and g.serial = :serial))");
            p.addValue("serial", q.serial());
        }
        if (q.type() != null) {
            sql.append(" and exists (select 1 from alert_signal t where t.case_id = c.id and t.type = :type)");
            p.addValue("type", q.type().name());
        }
        sql.append(" order by c.updated_at desc, c.id desc");
        int limit = q.limit() <= 0 ? 200 : Math.min(q.limit(), 1000);
        sql.append(" fetch first ").append(limit).append(" rows only");
        var rows = named.query(sql.toString(), p, CASE_FULL);
        return withTypes(rows);
    }

    public Optional<AlertCaseSummary> find(long id) {
        var rows = jdbc.query("select * from alert_case where id = ?", CASE_FULL, id);
        return withTypes(rows).stream().findFirst();
    }

    private List<AlertCaseSummary> withTypes(List<PartialCase> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var types = new HashMap<Long, Set<SignalType>>();
        named.query("select distinct case_id, type from alert_signal where case_id in (:ids)",
                new MapSqlParameterSource("ids", rows.stream().map(r -> r.id).toList()), CASE_TYPE)
                .forEach(t -> types.computeIfAbsent(t.caseId(), k -> EnumSet.noneOf(SignalType.class)).add(t.type()));
        return rows.stream().map(r -> r.toSummary(types.getOrDefault(r.id, EnumSet.of(r.firstType)))).toList();
    }

    public List<SignalView> signals(long caseId) {
        var scans = new HashMap<Long, List<EvidenceScan>>();
        jdbc.query("select s.signal_id, " + SCAN_COLUMNS + " from alert_signal_scan s join alert_signal g "
                + "on g.id = s.signal_id where g.case_id = ? order by s.scanned_at", SIGNAL_SCAN, caseId)
                .forEach(r -> scans.computeIfAbsent(r.signalId(), k -> new ArrayList<>()).add(r.scan()));
        return jdbc.query("select * from alert_signal where case_id = ? order by scan_at, id", SIGNAL, caseId).stream()
                .map(r -> r.view(scans.getOrDefault(r.id(), List.of()))).toList();
    }

    /** Evidence scans that name this serial, newest first. */
    public List<EvidenceScan> evidenceOf(String serial, int limit) {
        return jdbc.query("select distinct " + SCAN_COLUMNS + " from alert_signal_scan s "
                + "where s.serial = ? order by s.scanned_at desc fetch first " + Math.max(1, limit) + " rows only",
                SCAN, serial);
    }

    public List<CaseNote> notes(long caseId) {
        return jdbc.query("select author, noted_at as \"AT\", body as text from alert_case_note where case_id = ? "
                + "order by noted_at, id", NOTE, caseId);
    }

    /** Distinct serials of the case's serial signals, each with the signal types that name it. */
    public Map<String, Set<SignalType>> serialsOf(long caseId) {
        var result = new LinkedHashMap<String, Set<SignalType>>();
        jdbc.query("select serial, gtin, type from alert_signal where case_id = ? and serial is not null order by id",
                SERIAL_TYPE, caseId).stream().filter(r -> r.type().aboutSerial())
                .forEach(r -> result.computeIfAbsent(r.serial(), k -> EnumSet.noneOf(SignalType.class)).add(r.type()));
        return result;
    }

    public Map<String, String> gtinsOf(long caseId) {
        var result = new HashMap<String, String>();
        jdbc.query("select serial, gtin from alert_signal where case_id = ? and serial is not null and gtin is not null",
                SERIAL_GTIN, caseId).forEach(r -> result.putIfAbsent(r.serial(), r.gtin()));
        return result;
    }

    // ---- changing

    @Transactional(propagation = Propagation.MANDATORY)
    public void setState(long id, CaseState state) {
        jdbc.update("update alert_case set state = ?, updated_at = ?, version = version + 1 where id = ?", state.name(),
                utc(now()), id);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void setAssignee(long id, @Nullable String assignee) {
        jdbc.update("update alert_case set assignee = ?, updated_at = ?, version = version + 1 where id = ?", assignee,
                utc(now()), id);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addNote(long id, String author, String text) {
        jdbc.update("insert into alert_case_note (case_id, author, noted_at, body) values (?,?,?,?)", id, author,
                utc(now()), text);
        jdbc.update("update alert_case set updated_at = ? where id = ?", utc(now()), id);
    }

    // ---- mapping

    private @Nullable CaseRow first(String sql, Object... args) {
        return jdbc.query(sql, CASE_ROW, args).stream().findFirst().orElse(null);
    }

    private record CaseRow(long id, String groupKind, String groupKey, CaseState state, Severity severity,
                           SignalType firstType, @Nullable String serial, Instant firstSeenAt) {
    }

    private static final RowMapper<CaseRow> CASE_ROW = Rows.of(CaseRow.class);
    private static final RowMapper<PartialCase> CASE_FULL = Rows.of(PartialCase.class);
    private static final RowMapper<CaseNote> NOTE = Rows.of(CaseNote.class);

    private record PartialCase(long id, String groupKind, String groupKey, CaseState state, Severity severity,
                               SignalType firstType, @Nullable String serial, @Nullable String gtin,
                               @Nullable String lot, @Nullable String clientKey, @Nullable String country,
                               @Nullable String assignee, int signalCount, Instant firstSeenAt, Instant openedAt,
                               Instant updatedAt, long version) {
        AlertCaseSummary toSummary(Set<SignalType> types) {
            return new AlertCaseSummary(new AlertCaseId(id), groupKind, groupKey, state, severity, firstType, types, serial, gtin, lot,
                    clientKey, country, assignee, signalCount, firstSeenAt, openedAt, updatedAt, version);
        }
    }

    /** The columns of an evidence scan, named as {@link EvidenceScan}'s components. */
    private static final String SCAN_COLUMNS = "s.scan_id, s.scanned_at as \"AT\", s.gtin, s.serial, s.outcome, "
            + "s.client_key, s.session_id, s.country, s.latitude, s.longitude, s.unit_status";

    private record SignalScan(long signalId, UUID scanId, Instant at, @Nullable String gtin, String serial, String outcome,
                              String clientKey, String sessionId, @Nullable String country, @Nullable Double latitude,
                              @Nullable Double longitude, @Nullable String unitStatus) {

        EvidenceScan scan() {
            return new EvidenceScan(scanId, at, gtin, serial, outcome, clientKey, sessionId, country, latitude, longitude,
                    unitStatus);
        }
    }

    private record SignalRow(long id, SignalType type, Severity severity, @Nullable String serial, @Nullable String gtin,
                             @Nullable String lot, @Nullable String clientKey, @Nullable String country, Instant scanAt,
                             Instant detectedAt, String detail) {

        SignalView view(List<EvidenceScan> scans) {
            return new SignalView(id, type, severity, serial, gtin, lot, clientKey, country, scanAt, detectedAt, detail,
                    scans);
        }
    }

    private record CaseType(long caseId, SignalType type) {
    }

    private record SerialType(String serial, SignalType type) {
    }

    private record SerialGtin(String serial, String gtin) {
    }

    private static final RowMapper<EvidenceScan> SCAN = Rows.of(EvidenceScan.class);
    private static final RowMapper<SignalScan> SIGNAL_SCAN = Rows.of(SignalScan.class);
    private static final RowMapper<SignalRow> SIGNAL = Rows.of(SignalRow.class);
    private static final RowMapper<CaseType> CASE_TYPE = Rows.of(CaseType.class);
    private static final RowMapper<SerialType> SERIAL_TYPE = Rows.of(SerialType.class);
    private static final RowMapper<SerialGtin> SERIAL_GTIN = Rows.of(SerialGtin.class);

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static String lotKey(@Nullable String gtin, @Nullable String lot) {
        return gtin + "/" + lot;
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
