package org.serialregistry.returns.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.returns.IntakeCheck;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnLineView;
import org.serialregistry.returns.ReturnReason;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Returns, their lines and signed disposition overrides. */
@Repository
public class ReturnStore {

    /** A return's header as stored. */
    public record ReturnRow(long id, String rmaNumber, String fromParty, @Nullable String receivedBy, String channel,
                            String createdBy, OffsetDateTime createdAt) {
    }

    /** A line as it is about to be stored. */
    public record NewLine(int lineNo, String serial, @Nullable String gtin, ReturnReason reason, @Nullable String note,
                          boolean quarantined, boolean refundable, ReturnDisposition disposition, String why,
                          @Nullable Long ruleId, List<IntakeCheck> checks) {
    }

    record LineRow(long id, long returnId, String rmaNumber, int lineNo, String serial, @Nullable String gtin,
                   String reason, @Nullable String note, String outcome, boolean refundable, String disposition,
                   String dispositionReason, String checks, boolean overridden, @Nullable OffsetDateTime completedAt,
                   @Nullable String completedBy, @Nullable String resultSerial, long version) {

        ReturnLineView view() {
            return new ReturnLineView(id, returnId, rmaNumber, lineNo, serial, gtin, ReturnReason.valueOf(reason), note,
                    "QUARANTINED".equals(outcome), refundable, ReturnDisposition.valueOf(disposition), dispositionReason,
                    parseChecks(checks), overridden, completedAt == null ? null : completedAt.toInstant(), completedBy,
                    resultSerial, version);
        }
    }

    private static final String LINES = "select l.id, l.return_id, o.rma_number, l.line_no, l.serial, l.gtin, l.reason, "
            + "l.note, l.outcome, l.refundable, l.disposition, l.disposition_reason, l.checks, l.overridden, "
            + "l.completed_at, l.completed_by, l.result_serial, l.version from return_line l "
            + "join return_order o on o.id = l.return_id ";
    private static final String HEADERS = "select id, rma_number, from_party, received_by, channel, created_by, created_at "
            + "from return_order ";

    private final JdbcClient jdbc;

    ReturnStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertReturn(String rmaNumber, String fromParty, @Nullable String receivedBy, String channel, String by,
                             Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into return_order (rma_number, from_party, received_by, channel, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(rmaNumber, fromParty, receivedBy, channel, by, at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public boolean rmaExists(String rmaNumber) {
        return jdbc.sql("select count(*) from return_order where rma_number = ?").param(rmaNumber)
                .query(Long.class).single() > 0;
    }

    public void insertLines(long returnId, List<NewLine> lines) {
        for (var l : lines) {
            jdbc.sql("insert into return_line (return_id, line_no, serial, gtin, reason, note, outcome, refundable, "
                            + "disposition, disposition_reason, rule_id, checks, overridden, version) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0)")
                    .params(returnId, l.lineNo(), l.serial(), l.gtin(), l.reason().name(), l.note(),
                            l.quarantined() ? "QUARANTINED" : "ACCEPTED", l.refundable(), l.disposition().name(),
                            cut(l.why(), 2000), l.ruleId(), formatChecks(l.checks()))
                    .update();
        }
    }

    public Optional<ReturnRow> findReturn(long id) {
        return jdbc.sql(HEADERS + "where id = ?").param(id).query(Rows.of(ReturnRow.class)).optional();
    }

    public Optional<ReturnRow> findReturn(String rmaNumber) {
        return jdbc.sql(HEADERS + "where rma_number = ?").param(rmaNumber).query(Rows.of(ReturnRow.class)).optional();
    }

    public List<ReturnRow> latestReturns(@Nullable String party, int limit) {
        return jdbc.sql(HEADERS + (party == null ? "" : "where from_party = :p or received_by = :p ")
                        + "order by id desc fetch first " + Math.min(limit, 500) + " rows only")
                .paramSource(party == null ? java.util.Map.of() : java.util.Map.of("p", party))
                .query(Rows.of(ReturnRow.class)).list();
    }

    public List<ReturnLineView> lines(long returnId) {
        return jdbc.sql(LINES + "where l.return_id = ? order by l.line_no").param(returnId).query(Rows.of(LineRow.class))
                .stream().map(LineRow::view).toList();
    }

    public Optional<ReturnLineView> line(long lineId) {
        return jdbc.sql(LINES + "where l.id = ?").param(lineId).query(Rows.of(LineRow.class)).optional().map(LineRow::view);
    }

    /** The newest line naming this serial. */
    public Optional<ReturnLineView> latestLineOf(String serial) {
        return jdbc.sql(LINES + "where l.serial = ? order by l.id desc fetch first 1 rows only").param(serial)
                .query(Rows.of(LineRow.class)).optional().map(LineRow::view);
    }

    /** The header of the return a line belongs to. */
    public ReturnRow returnOf(ReturnLineView line) {
        return findReturn(line.returnId()).orElseThrow();
    }

    /** Sets a new disposition (an override); false when the line changed since {@code version}. */
    public boolean override(long lineId, long version, ReturnDisposition disposition, String why) {
        return jdbc.sql("update return_line set disposition = ?, disposition_reason = ?, overridden = true, "
                        + "version = version + 1 where id = ? and version = ? and completed_at is null")
                .params(disposition.name(), cut(why, 2000), lineId, version).update() == 1;
    }

    public void insertOverride(long lineId, ReturnDisposition previous, ReturnDisposition disposition, String reason,
                               String signer, String printedName, String meaning, Instant at, String hash) {
        jdbc.sql("insert into disposition_override (line_id, previous, disposition, reason, signer, printed_name, "
                        + "meaning, signed_at, content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(lineId, previous.name(), disposition.name(), reason, signer, printedName, meaning,
                        at.atOffset(ZoneOffset.UTC), hash)
                .update();
    }

    public boolean complete(long lineId, long version, String by, Instant at, @Nullable String resultSerial) {
        return jdbc.sql("update return_line set completed_at = ?, completed_by = ?, result_serial = ?, "
                        + "version = version + 1 where id = ? and version = ? and completed_at is null")
                .params(at.atOffset(ZoneOffset.UTC), by, resultSerial, lineId, version).update() == 1;
    }

    static String formatChecks(List<IntakeCheck> checks) {
        var text = new StringBuilder();
        for (var c : checks) {
            text.append(c.check()).append('\t').append(c.passed()).append('\t')
                    .append(c.detail().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        return cut(text.toString(), 4000);
    }

    static List<IntakeCheck> parseChecks(String text) {
        var out = new ArrayList<IntakeCheck>();
        for (String row : text.split("\n")) {
            var f = Arrays.asList(row.split("\t", 3));
            if (f.size() == 3) {
                out.add(new IntakeCheck(f.get(0), Boolean.parseBoolean(f.get(1)), f.get(2)));
            }
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
