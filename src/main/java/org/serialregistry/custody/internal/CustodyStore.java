package org.serialregistry.custody.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.serialregistry.custody.CustodyFilter;
import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.custody.CustodyRefusal;
import org.serialregistry.custody.CustodyState;
import org.serialregistry.custody.DiversionAlert;
import org.serialregistry.custody.ReceiptLine;
import org.serialregistry.custody.ReceiptOutcome;
import org.serialregistry.custody.ShipmentId;
import org.serialregistry.custody.ShipmentStatus;
import org.serialregistry.custody.ShipmentView;
import org.serialregistry.serial.BusinessStep;
import org.serialregistry.serial.Disposition;
import org.serialregistry.serial.LifecycleEventId;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

// Over 400 lines on purpose: shipments, receipt lines and the custody projection are written in one
// transaction with the same JDBC batches and COPY, and the movement report streams from the same
// tables; splitting the store would split those transactions across beans. Diversion alerts and
// refusals are the natural first part to move out.
/** Shipments, receipts, the custody projection, refusals and diversion alerts, in plain JDBC for bulk speed. */
@Repository
public class CustodyStore {

    static final int CHUNK = 2000;

    /** Rows mapped by column name onto the records (timestamps to {@code Instant}, enums, nullable numbers). */
    private static final RowMapper<CustodyRefusal> REFUSAL = Rows.of(CustodyRefusal.class);
    private static final RowMapper<DiversionAlert> ALERT = Rows.of(DiversionAlert.class);
    private static final RowMapper<CustodyRow> CUSTODY = Rows.of(CustodyRow.class);
    private static final RowMapper<ReceiptLine> RECEIPT_LINE = Rows.of(ReceiptLine.class);
    private static final RowMapper<LineRow> LINE = Rows.of(LineRow.class);
    private static final String ALERTS = "select a.*, a.last_legit_holder as last_legitimate_holder from diversion_alert a";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final NamedParameterJdbcTemplate streaming;
    private final CustodyVolumeTally volumes;

    CustodyStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, javax.sql.DataSource dataSource,
                 CustodyVolumeTally volumes) {
        this.jdbc = jdbc;
        this.named = named;
        this.volumes = volumes;
        var cursor = new JdbcTemplate(dataSource);
        // PostgreSQL streams with a cursor only for a fetch size inside a transaction
        cursor.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // ---- shipments ----

    public long insertShipment(String number, String from, String to, @Nullable String refs, int unitCount,
                               int divertedCount, LifecycleEventId eventId, Instant at, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into shipment (shipment_number, from_party, to_party, status, biz_refs, "
                    + "unit_count, diverted_count, ship_event_id, shipped_at, shipped_by, version) "
                    + "values (?,?,?,?,?,?,?,?,?,?,0)", new String[]{"id"});
            ps.setString(1, number);
            ps.setString(2, from);
            ps.setString(3, to);
            ps.setString(4, ShipmentStatus.IN_TRANSIT.name());
            ps.setString(5, refs);
            ps.setInt(6, unitCount);
            ps.setInt(7, divertedCount);
            ps.setLong(8, eventId.value());
            ps.setObject(9, ts(at));
            ps.setString(10, by);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public record LineRow(String serial, String gtin, String lot, boolean diverted) {
    }

    public void insertLines(long shipmentId, List<LineRow> lines) {
        jdbc.batchUpdate("insert into shipment_line (shipment_id, serial, gtin, lot, diverted) values (?,?,?,?,?)",
                lines, CHUNK, (ps, l) -> {
                    ps.setLong(1, shipmentId);
                    ps.setString(2, l.serial());
                    ps.setString(3, l.gtin());
                    ps.setString(4, l.lot());
                    ps.setBoolean(5, l.diverted());
                });
    }

    public boolean shipmentNumberExists(String number) {
        return jdbc.queryForObject("select count(*) from shipment where shipment_number = ?", Integer.class, number) > 0;
    }

    private static final String SHIPMENT_COLUMNS = "id, shipment_number, from_party, to_party, status, biz_refs, "
            + "unit_count, diverted_count, ship_event_id, shipped_at, shipped_by, receive_event_id, received_at, "
            + "received_by, received_count, missing_count, extra_count, not_genuine_count";

    public Optional<ShipmentView> shipment(long id) {
        return jdbc.query("select " + SHIPMENT_COLUMNS + " from shipment where id = ?", SHIPMENT, id)
                .stream().findFirst();
    }

    public Optional<ShipmentView> shipmentByNumber(String number) {
        return jdbc.query("select " + SHIPMENT_COLUMNS + " from shipment where shipment_number = ?",
                SHIPMENT, number).stream().findFirst();
    }

    /** Newest first; {@code party} matches sender or receiver; {@code status} null for any. */
    public List<ShipmentView> shipments(@Nullable String party, @Nullable String toParty, @Nullable ShipmentStatus status,
                                        int limit) {
        var sql = new StringBuilder("select " + SHIPMENT_COLUMNS + " from shipment where 1=1");
        var params = new MapSqlParameterSource();
        if (party != null) {
            sql.append(" and (from_party = :party or to_party = :party)");
            params.addValue("party", party);
        }
        if (toParty != null) {
            sql.append(" and to_party = :to");
            params.addValue("to", toParty);
        }
        if (status != null) {
            sql.append(" and status = :status");
            params.addValue("status", status.name());
        }
        sql.append(" order by id desc fetch first ").append(Math.max(1, Math.min(limit, 1000))).append(" rows only");
        return named.query(sql.toString(), params, SHIPMENT);
    }

    /** Shipments that list a serial, newest first. */
    public List<ShipmentView> shipmentsOfSerial(String serial) {
        return jdbc.query("select " + SHIPMENT_COLUMNS + " from shipment where id in (select shipment_id from "
                + "shipment_line where serial = ?) order by id desc", SHIPMENT, serial);
    }

    public List<LineRow> lines(long shipmentId) {
        return jdbc.query("select serial, gtin, lot, diverted from shipment_line where shipment_id = ? order by serial",
                LINE, shipmentId);
    }

    public List<String> distinctGtins(long shipmentId) {
        return jdbc.queryForList("select distinct gtin from shipment_line where shipment_id = ?", String.class, shipmentId);
    }

    /** @return rows changed: 0 when the shipment was received meanwhile */
    public int markReceived(long id, ShipmentStatus status, @Nullable LifecycleEventId eventId, Instant at, String by, int received,
                            int missing, int extra, int notGenuine) {
        return jdbc.update("update shipment set status = ?, receive_event_id = ?, received_at = ?, received_by = ?, "
                        + "received_count = ?, missing_count = ?, extra_count = ?, not_genuine_count = ?, "
                        + "version = version + 1 where id = ? and status = 'IN_TRANSIT'", status.name(),
                eventId == null ? null : eventId.value(),
                ts(at), by, received, missing, extra, notGenuine, id);
    }

    public void insertReceiptLines(long shipmentId, List<ReceiptLine> lines) {
        var numbered = new ArrayList<Object[]>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            var l = lines.get(i);
            numbered.add(new Object[]{shipmentId, i + 1, clip(l.code(), 200), l.serial(), l.gtin(), l.outcome().name(),
                    clip(l.detail(), 300)});
        }
        jdbc.batchUpdate("insert into receipt_line (shipment_id, line_no, code, serial, gtin, outcome, detail) "
                + "values (?,?,?,?,?,?,?)", numbered);
    }

    public List<ReceiptLine> receiptLines(long shipmentId) {
        return jdbc.query("select code, serial, gtin, outcome, detail from receipt_line where shipment_id = ? "
                + "order by line_no", RECEIPT_LINE, shipmentId);
    }

    /** A shipment row as stored: its references are one text column. */
    private record ShipmentRow(long id, String shipmentNumber, String fromParty, String toParty, ShipmentStatus status,
                               @Nullable String bizRefs, int unitCount, int divertedCount, LifecycleEventId shipEventId,
                               Instant shippedAt, String shippedBy, @Nullable LifecycleEventId receiveEventId,
                               @Nullable Instant receivedAt, @Nullable String receivedBy, @Nullable Integer receivedCount,
                               @Nullable Integer missingCount, @Nullable Integer extraCount,
                               @Nullable Integer notGenuineCount) {

        ShipmentView view() {
            return new ShipmentView(new ShipmentId(id), shipmentNumber, fromParty, toParty, status, References.parse(bizRefs), unitCount,
                    divertedCount, shipEventId, shippedAt, shippedBy, receiveEventId, receivedAt, receivedBy,
                    receivedCount, missingCount, extraCount, notGenuineCount);
        }
    }

    private static final RowMapper<ShipmentRow> SHIPMENT_ROW = Rows.of(ShipmentRow.class);
    private static final RowMapper<ShipmentView> SHIPMENT = (rs, n) -> SHIPMENT_ROW.mapRow(rs, n).view();

    // ---- custody projection ----

    /** A unit's row of the custody projection. */
    public record CustodyRow(String serial, String gtin, String lot, String intendedMarket, String holder,
                             CustodyState state, @Nullable String inTransitTo, @Nullable Long shipmentId,
                             String legitHolder, LifecycleEventId lastEventId) {
    }

    public Map<String, CustodyRow> custodyOf(Collection<String> serials) {
        var result = new HashMap<String, CustodyRow>();
        var list = new ArrayList<>(serials);
        for (int i = 0; i < list.size(); i += 1000) {
            named.query("select c.*, c.holder_party as holder from unit_custody c where c.serial in (:s)",
                    new MapSqlParameterSource("s", list.subList(i, Math.min(list.size(), i + 1000))), CUSTODY)
                    .forEach(row -> result.put(row.serial(), row));
        }
        return result;
    }

    public Optional<CustodyRow> custody(String serial) {
        return Optional.ofNullable(custodyOf(List.of(serial)).get(serial));
    }

    /**
     * Writes the projection rows of these units: an update for units that have a row, an insert for
     * the others ({@code existing} says which have one, as read earlier in the same transaction).
     */
    public void upsertCustody(List<CustodyRow> rows, java.util.Set<String> existing) {
        var updates = rows.stream().filter(r -> existing.contains(r.serial())).toList();
        var inserts = rows.stream().filter(r -> !existing.contains(r.serial())).toList();
        jdbc.batchUpdate("update unit_custody set holder_party = ?, state = ?, in_transit_to = ?, shipment_id = ?, "
                + "legit_holder = ?, last_event_id = ? where serial = ?", updates, CHUNK, (ps, r) -> {
            ps.setString(1, r.holder());
            ps.setString(2, r.state().name());
            ps.setString(3, r.inTransitTo());
            ps.setObject(4, r.shipmentId());
            ps.setString(5, r.legitHolder());
            ps.setLong(6, r.lastEventId().value());
            ps.setString(7, r.serial());
        });
        insertCustody(inserts);
    }

    /** Replaces the projection rows of these units (delete then insert, in chunks). */
    public void upsertCustody(List<CustodyRow> rows) {
        jdbc.batchUpdate("delete from unit_custody where serial = ?", rows, CHUNK, (ps, r) -> ps.setString(1, r.serial()));
        insertCustody(rows);
    }

    private void insertCustody(List<CustodyRow> rows) {
        jdbc.batchUpdate("insert into unit_custody (serial, gtin, lot, intended_market, holder_party, state, "
                + "in_transit_to, shipment_id, legit_holder, last_event_id) values (?,?,?,?,?,?,?,?,?,?)", rows, CHUNK,
                (ps, r) -> {
                    ps.setString(1, r.serial());
                    ps.setString(2, r.gtin());
                    ps.setString(3, r.lot());
                    ps.setString(4, r.intendedMarket());
                    ps.setString(5, r.holder());
                    ps.setString(6, r.state().name());
                    ps.setString(7, r.inTransitTo());
                    ps.setObject(8, r.shipmentId());
                    ps.setString(9, r.legitHolder());
                    ps.setLong(10, r.lastEventId().value());
                });
    }

    public void deleteCustody(String serial) {
        volumes.count(movementsOf(serial), -1);
        jdbc.update("delete from unit_custody where serial = ?", serial);
        jdbc.update("delete from custody_movement where serial = ?", serial);
    }

    public void insertMovements(List<CustodyMovement> rows) {
        jdbc.batchUpdate("insert into custody_movement (event_id, event_time, biz_step, disposition, serial, gtin, lot, "
                + "from_party, to_party, place, shipment_number, biz_refs, recorded_by) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows, CHUNK, (ps, m) -> {
                    ps.setLong(1, m.eventId().value());
                    ps.setObject(2, ts(m.eventTime()));
                    ps.setString(3, m.bizStep().name());
                    ps.setString(4, m.disposition() == null ? null : m.disposition().name());
                    ps.setString(5, m.serial());
                    ps.setString(6, m.gtin());
                    ps.setString(7, m.lot());
                    ps.setString(8, m.fromParty());
                    ps.setString(9, m.toParty());
                    ps.setString(10, m.place());
                    ps.setString(11, m.shipmentNumber());
                    ps.setString(12, m.references());
                    ps.setString(13, m.recordedBy());
                });
        volumes.count(rows, 1);
    }

    /** Whether the party holds, held, sent or was sent the unit (a custody row or a movement names it). */
    public boolean involves(String party, String serial) {
        Integer hits = jdbc.queryForObject("select count(*) from custody_movement where serial = ? and "
                + "(from_party = ? or to_party = ?)", Integer.class, serial, party, party);
        return hits != null && hits > 0;
    }

    public List<CustodyMovement> movementsOf(String serial) {
        return jdbc.query(MOVEMENTS + " where serial = ? order by event_id", MOVEMENT, serial);
    }

    /** {@code custody_movement}'s columns under {@link CustodyMovement}'s component names, in its order. */
    private static final String MOVEMENTS = "select event_id, event_time, biz_step, disposition, serial, gtin, lot, "
            + "from_party, to_party, place, shipment_number, biz_refs as \"REFERENCES\", recorded_by from custody_movement";
    private static final RowMapper<CustodyMovement> MOVEMENT = Rows.of(CustodyMovement.class);

    /**
     * The streamed report's mapping, by position in {@link #MOVEMENTS}: per row it skips the by-name
     * mapper's column lookups and conversion service, which is most of the cost at millions of rows.
     */
    private static CustodyMovement streamedMovement(ResultSet rs) throws SQLException {
        String disposition = rs.getString(4);
        return new CustodyMovement(new LifecycleEventId(rs.getLong(1)), rs.getObject(2, OffsetDateTime.class).toInstant(),
                BusinessStep.valueOf(rs.getString(3)), disposition == null ? null : Disposition.valueOf(disposition),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13));
    }

    private static MapSqlParameterSource where(CustodyFilter f, StringBuilder sql) {
        var p = new MapSqlParameterSource();
        sql.append(" where 1=1");
        if (f.gtin() != null) {
            sql.append(" and gtin = :gtin");
            p.addValue("gtin", f.gtin());
        }
        if (f.lot() != null) {
            sql.append(" and lot = :lot");
            p.addValue("lot", f.lot());
        }
        if (f.party() != null) {
            sql.append(" and (from_party = :party or to_party = :party)");
            p.addValue("party", f.party());
        }
        if (f.from() != null) {
            sql.append(" and event_time >= :from");
            p.addValue("from", ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and event_time < :to");
            p.addValue("to", ts(f.to()));
        }
        return p;
    }

    public long countMovements(CustodyFilter filter) {
        var sql = new StringBuilder("select count(*) from custody_movement");
        var p = where(filter, sql);
        return named.queryForObject(sql.toString(), p, Long.class);
    }

    /** Streams the movements in event order with a forward-only cursor: constant memory for any size. */
    public void streamMovements(CustodyFilter filter, Consumer<CustodyMovement> sink) {
        var sql = new StringBuilder(MOVEMENTS);
        var p = where(filter, sql);
        sql.append(" order by event_id, serial");
        streaming.query(sql.toString(), p, (ResultSet rs) -> sink.accept(streamedMovement(rs)));
    }

    public List<CustodyMovement> searchMovements(CustodyFilter filter, @Nullable String shipmentNumber, int limit) {
        var sql = new StringBuilder(MOVEMENTS);
        var p = where(filter, sql);
        if (shipmentNumber != null) {
            sql.append(" and shipment_number = :sn");
            p.addValue("sn", shipmentNumber);
        }
        sql.append(" order by event_id desc, serial fetch first ").append(Math.max(1, Math.min(limit, 5000)))
                .append(" rows only");
        return named.query(sql.toString(), p, MOVEMENT);
    }

    // ---- refusals and alerts ----

    public long insertRefusal(Instant at, @Nullable String number, @Nullable String from, @Nullable String to,
                              int units, int refused, String sample, String reason, String by) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into custody_refusal (refused_at, shipment_number, from_party, to_party, "
                    + "unit_count, refused_count, sample_serials, reason, requested_by) values (?,?,?,?,?,?,?,?,?)",
                    new String[]{"id"});
            ps.setObject(1, ts(at));
            ps.setString(2, clip(number, 64));
            ps.setString(3, clip(from, 32));
            ps.setString(4, clip(to, 32));
            ps.setInt(5, units);
            ps.setInt(6, refused);
            ps.setString(7, clip(sample, 500));
            ps.setString(8, clip(reason, 1000));
            ps.setString(9, by);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public List<CustodyRefusal> refusals(int limit) {
        return jdbc.query("select * from custody_refusal order by id desc fetch first " + Math.min(limit, 1000)
                + " rows only", REFUSAL);
    }

    public void insertAlerts(List<DiversionAlert> alerts) {
        jdbc.batchUpdate("insert into diversion_alert (detected_at, source, serial, gtin, lot, intended_market, "
                + "seen_market, destination_party, last_legit_holder, shipment_number, event_id, reason, status) "
                + "values (?,?,?,?,?,?,?,?,?,?,?,?,?)", alerts, CHUNK, (ps, a) -> {
            ps.setObject(1, ts(a.detectedAt()));
            ps.setString(2, a.source());
            ps.setString(3, a.serial());
            ps.setString(4, a.gtin());
            ps.setString(5, a.lot());
            ps.setString(6, a.intendedMarket());
            ps.setString(7, a.seenMarket());
            ps.setString(8, a.destinationParty());
            ps.setString(9, a.lastLegitimateHolder());
            ps.setString(10, a.shipmentNumber());
            ps.setObject(11, a.eventId() == null ? null : a.eventId().value());
            ps.setString(12, clip(a.reason(), 500));
            ps.setString(13, a.status());
        });
    }

    /**
     * Whether scans already raised an alert for this unit in this market, whatever became of it: an
     * open one is being worked, a dismissed one was an authorised move, a confirmed one is known.
     */
    public boolean scanAlertExists(String serial, String market) {
        return jdbc.queryForObject("select count(*) from diversion_alert where serial = ? and seen_market = ? "
                + "and source = 'SCAN'", Integer.class, serial, market) > 0;
    }

    public Optional<DiversionAlert> alert(long id) {
        return named.query(ALERTS + " where id = :id", new MapSqlParameterSource("id", id), ALERT).stream().findFirst();
    }

    /** Moves an alert to a status if it is still at {@code version}; false when someone else changed it. */
    public boolean changeAlertStatus(long id, long version, String status, @Nullable String assignee,
                                     @Nullable String resolution, String by, Instant at) {
        return jdbc.update("update diversion_alert set status = ?, assignee = ?, resolution = ?, status_changed_by = ?, "
                + "status_changed_at = ?, version = version + 1 where id = ? and version = ?", status, assignee,
                resolution == null ? null : clip(resolution, 1000), by, ts(at), id, version) == 1;
    }

    /** Alerts of the given statuses (all when empty), transfers first, then scans, newest first. */
    public List<DiversionAlert> alerts(@Nullable String serial, @Nullable String holder, Collection<String> statuses,
                                       int limit) {
        var sql = new StringBuilder(ALERTS + " where 1=1");
        var p = new MapSqlParameterSource();
        if (!statuses.isEmpty()) {
            sql.append(" and status in (:statuses)");
            p.addValue("statuses", statuses);
        }
        if (serial != null) {
            sql.append(" and serial = :serial");
            p.addValue("serial", serial);
        }
        if (holder != null) {
            sql.append(" and last_legit_holder = :holder");
            p.addValue("holder", holder);
        }
        // Transfers to a party outside the market name a distributor that broke its agreement: they
        // come first; alerts from scans abroad (many more, e.g. travellers) follow, newest first
        sql.append(" order by case when source = 'TRANSFER' then 0 else 1 end, id desc fetch first ")
                .append(Math.max(1, Math.min(limit, 5000))).append(" rows only");
        return named.query(sql.toString(), p, ALERT);
    }

    // ---- figures ----

    /** A count per party code or market, from the figure queries below. */
    private record Count(String name, long units) {
    }

    private static final RowMapper<Count> COUNT = Rows.of(Count.class);

    /** Per party code: units received, units passed on (shipped onwards or sold), units diverted. */
    public Map<String, long[]> volumesByParty() {
        var map = new LinkedHashMap<String, long[]>();
        // received and passed on from the tally kept with the movements (grouping every movement grew with them)
        volumes.all().forEach((party, n) -> map.put(party, new long[]{n[0], n[1], 0}));
        jdbc.query("select last_legit_holder as name, count(distinct serial) as units from diversion_alert "
                + "group by last_legit_holder", COUNT)
                .forEach(c -> map.computeIfAbsent(c.name(), k -> new long[3])[2] = c.units());
        return map;
    }

    /** Units per current holder's country: the market where custody says they are. */
    public Map<String, Long> heldUnitsByMarket() {
        var map = new LinkedHashMap<String, Long>();
        // counted per holder first (an index-only scan of unit_custody_holder_idx), then the few holders joined
        // to their country: joining every custody row to its party cost a hash join per row
        jdbc.query("select p.country as name, sum(c.units) as units from (select holder_party, count(*) as units "
                + "from unit_custody group by holder_party) c join party p on p.code = c.holder_party "
                + "group by p.country order by p.country", COUNT).forEach(c -> map.put(c.name(), c.units()));
        return map;
    }

    public Map<String, Long> alertsByMarket() {
        var map = new LinkedHashMap<String, Long>();
        jdbc.query("select seen_market as name, count(*) as units from diversion_alert group by seen_market "
                + "order by seen_market", COUNT).forEach(c -> map.put(c.name(), c.units()));
        return map;
    }

    public List<String> heldBy(String party, int limit) {
        return jdbc.queryForList("select serial from unit_custody where holder_party = ? and state = 'HELD' "
                + "order by serial fetch first " + Math.max(1, Math.min(limit, 10_000)) + " rows only", String.class, party);
    }

    public List<String> serialsOfLot(String gtin, String lot, int limit) {
        return jdbc.queryForList("select serial from unit_custody where gtin = ? and lot = ? order by serial "
                + "fetch first " + limit + " rows only", String.class, gtin, lot);
    }

    static @Nullable String clip(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
