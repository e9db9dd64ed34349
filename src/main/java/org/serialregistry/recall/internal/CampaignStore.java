package org.serialregistry.recall.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.recall.CampaignId;
import org.serialregistry.recall.CampaignSignature;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.recall.RecallRemedy;
import org.serialregistry.recall.RecallSeverity;
import org.serialregistry.recall.RecallUnitState;
import org.serialregistry.recall.SignatureMeaning;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Campaigns, their units, signatures and subscriptions: all SQL of the recall module but the notices'. */
@Repository
public class CampaignStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    CampaignStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private record CampaignRow(long id, String campaignNumber, String reason, String severity, String remedy,
                               String instructions, @Nullable String scopeGtin, @Nullable String scopeLots,
                               int scopeSerials, @Nullable LocalDate producedFrom, @Nullable LocalDate producedTo,
                               @Nullable String facilityCode, @Nullable String lineCode, String state,
                               long expectedUnits, long affectedUnits, @Nullable String lastSerial, String startedBy,
                               OffsetDateTime startedAt, @Nullable OffsetDateTime completedAt,
                               @Nullable String closedBy, @Nullable OffsetDateTime closedAt, long version) {

        CampaignView view() {
            var lots = scopeLots == null || scopeLots.isEmpty() ? List.<String>of() : Arrays.asList(scopeLots.split(","));
            return new CampaignView(new CampaignId(id), campaignNumber, reason, RecallSeverity.valueOf(severity),
                    RecallRemedy.valueOf(remedy), instructions,
                    new UnitSelection(scopeGtin, lots, List.of(), producedFrom, producedTo, facilityCode, lineCode),
                    scopeSerials, CampaignState.valueOf(state), expectedUnits, affectedUnits, startedBy,
                    startedAt.toInstant(), completedAt == null ? null : completedAt.toInstant(), closedBy,
                    closedAt == null ? null : closedAt.toInstant(), version);
        }
    }

    /** A campaign with the job's cursor. */
    public record Cursor(CampaignView campaign, @Nullable String lastSerial) {
    }

    public long insert(String reason, RecallSeverity severity, RecallRemedy remedy, String instructions,
                       UnitSelection scope, long expected, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into recall_campaign (campaign_number, reason, severity, remedy, instructions, scope_gtin,
                    scope_lots, scope_serials, produced_from, produced_to, facility_code, line_code, state,
                    expected_units, affected_units, started_by, started_at, version)
                values ('RC-PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, 0, ?, ?, 0)""")
                .params(reason, severity.name(), remedy.name(), instructions, scope.gtin(),
                        scope.lots().isEmpty() ? null : String.join(",", scope.lots()), scope.serials().size(),
                        scope.producedFrom(), scope.producedTo(), scope.facilityCode(), scope.lineCode(), expected, by,
                        utc(at))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("update recall_campaign set campaign_number = ? where id = ?").params(number(id), id).update();
        template.batchUpdate("insert into recall_scope_serial (campaign_id, serial) values (?, ?)", scope.serials(),
                1000, (ps, s) -> {
                    ps.setLong(1, id);
                    ps.setString(2, s);
                });
        return id;
    }

    static String number(long id) {
        return "RC-%06d".formatted(id);
    }

    public Optional<CampaignView> find(long id) {
        return jdbc.sql("select * from recall_campaign where id = ?").param(id).query(Rows.of(CampaignRow.class)).optional()
                .map(CampaignRow::view);
    }

    public Optional<CampaignView> findByNumber(String number) {
        return jdbc.sql("select * from recall_campaign where campaign_number = ?").param(number)
                .query(Rows.of(CampaignRow.class)).optional().map(CampaignRow::view);
    }

    /**
     * The cursor with the campaign's row locked until the caller's transaction ends; empty when
     * another replica's job holds it (it is working this campaign now) or there is no such campaign.
     */
    public Optional<Cursor> claimCursor(long id) {
        return jdbc.sql("select * from recall_campaign where id = ? for update skip locked").param(id)
                .query(Rows.of(CampaignRow.class)).optional().map(r -> new Cursor(r.view(), r.lastSerial()));
    }

    public List<CampaignView> latest(int limit) {
        return jdbc.sql("select * from recall_campaign order by id desc fetch first " + Math.min(limit, 1000) + " rows only")
                .query(Rows.of(CampaignRow.class)).list().stream().map(CampaignRow::view).toList();
    }

    public List<CampaignView> inState(CampaignState state) {
        return jdbc.sql("select * from recall_campaign where state = ? order by id").param(state.name())
                .query(Rows.of(CampaignRow.class)).list().stream().map(CampaignRow::view).toList();
    }

    /** The next serials of a campaign's list after {@code after}, in order. */
    public List<String> listedSerials(long campaignId, @Nullable String after, int limit) {
        return jdbc.sql("select serial from recall_scope_serial where campaign_id = ? and serial > ? order by serial "
                        + "fetch first " + limit + " rows only")
                .params(campaignId, after == null ? "" : after).query(String.class).list();
    }

    /** All serials of the lists of the given campaigns, for the public lookup. */
    public List<String> allListedSerials(long campaignId) {
        return jdbc.sql("select serial from recall_scope_serial where campaign_id = ?").param(campaignId)
                .query(String.class).list();
    }

    /** Moves the job's cursor on; false if someone else moved it first (another instance). */
    public boolean advance(long id, long version, String lastSerial, int handled) {
        return jdbc.sql("update recall_campaign set last_serial = ?, affected_units = affected_units + ?, "
                        + "version = version + 1 where id = ? and version = ? and state = 'RUNNING'")
                .params(lastSerial, handled, id, version).update() == 1;
    }

    public boolean complete(long id, long version, Instant at) {
        return jdbc.sql("update recall_campaign set state = 'ACTIVE', completed_at = ?, version = version + 1 "
                        + "where id = ? and version = ? and state = 'RUNNING'")
                .params(utc(at), id, version).update() == 1;
    }

    public boolean close(long id, long version, String by, Instant at) {
        return jdbc.sql("update recall_campaign set state = 'CLOSED', closed_by = ?, closed_at = ?, version = version + 1 "
                        + "where id = ? and version = ? and state = 'ACTIVE'")
                .params(by, utc(at), id, version).update() == 1;
    }

    public record AffectedUnit(String serial, String market, @Nullable String holder) {
    }

    public void insertUnits(long campaignId, List<AffectedUnit> units, Instant at) {
        template.batchUpdate("insert into recall_unit (campaign_id, serial, market, holder, state, changed_at) "
                + "values (?, ?, ?, ?, 'IN_FIELD', ?)", units, 1000, (ps, u) -> {
            ps.setLong(1, campaignId);
            ps.setString(2, u.serial());
            ps.setString(3, u.market());
            ps.setString(4, u.holder());
            ps.setObject(5, utc(at));
        });
    }

    /** Moves units of open campaigns on to {@code state} (returned, remedied) from an earlier state. */
    public int markUnits(Collection<String> serials, RecallUnitState state, Collection<RecallUnitState> from, Instant at) {
        int changed = 0;
        var list = List.copyOf(serials);
        var fromNames = from.stream().map(Enum::name).toList();
        for (int i = 0; i < list.size(); i += 1000) {
            changed += jdbc.sql("update recall_unit set state = :state, changed_at = :at where serial in (:serials) "
                            + "and state in (:from) and campaign_id in (select id from recall_campaign where state <> 'CLOSED')")
                    .param("state", state.name()).param("at", utc(at))
                    .param("serials", list.subList(i, Math.min(list.size(), i + 1000))).param("from", fromNames)
                    .update();
        }
        return changed;
    }

    public record UnitRow(String serial, String market, @Nullable String holder, String state) {
    }

    /** Serials of a campaign's units in a state, in serial order. */
    public List<String> unitsInState(long campaignId, RecallUnitState state, int limit) {
        return jdbc.sql("select serial from recall_unit where campaign_id = ? and state = ? order by serial fetch first "
                + limit + " rows only").params(campaignId, state.name()).query(String.class).list();
    }

    public Optional<UnitRow> unit(long campaignId, String serial) {
        return jdbc.sql("select serial, market, holder, state from recall_unit where campaign_id = ? and serial = ?")
                .params(campaignId, serial).query(Rows.of(UnitRow.class)).optional();
    }

    /** The open campaign (not closed) that recalled this unit most recently. */
    public Optional<CampaignView> openCampaignOf(String serial) {
        return jdbc.sql("select c.* from recall_campaign c join recall_unit u on u.campaign_id = c.id "
                        + "where u.serial = ? and c.state <> 'CLOSED' order by c.id desc fetch first 1 rows only")
                .param(serial).query(Rows.of(CampaignRow.class)).optional().map(CampaignRow::view);
    }

    public record CountRow(String market, String state, boolean located, long units) {
    }

    public List<CountRow> counts(long campaignId) {
        return jdbc.sql("select market, state, case when holder is null then false else true end as located, "
                        + "count(*) as units from recall_unit where campaign_id = ? "
                        + "group by market, state, case when holder is null then false else true end")
                .param(campaignId).query(Rows.of(CountRow.class)).list();
    }

    public void insertSignature(long campaignId, String decision, String signer, String printedName,
                                SignatureMeaning meaning, @Nullable String note, Instant at, String hash) {
        jdbc.sql("insert into recall_signature (campaign_id, decision, signer, printed_name, meaning, note, signed_at, "
                        + "content_hash) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(campaignId, decision, signer, printedName, meaning.name(), note, utc(at), hash).update();
    }

    private record SignatureRow(long id, long campaignId, String decision, String signer, String printedName,
                                String meaning, @Nullable String note, OffsetDateTime signedAt, String contentHash) {
    }

    public List<CampaignSignature> signatures(long campaignId) {
        return jdbc.sql("select * from recall_signature where campaign_id = ? order by id").param(campaignId)
                .query(Rows.of(SignatureRow.class)).list().stream()
                .map(r -> new CampaignSignature(r.id(), new CampaignId(r.campaignId()), r.decision(), r.signer(), r.printedName(),
                        SignatureMeaning.valueOf(r.meaning()), r.note(), r.signedAt().toInstant(), r.contentHash()))
                .toList();
    }

    public record WebhookRow(long id, String partyCode, String url, String secret, boolean active,
                             String createdBy, OffsetDateTime createdAt) {
    }

    public long insertWebhook(String party, String url, String secret, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into recall_webhook (party_code, url, secret, active, created_by, created_at) "
                + "values (?, ?, ?, true, ?, ?)").params(party, url, secret, by, utc(at)).update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<WebhookRow> activeWebhooks() {
        return jdbc.sql("select * from recall_webhook where active = true order by id").query(Rows.of(WebhookRow.class)).list();
    }

    public Optional<WebhookRow> webhook(long id) {
        return jdbc.sql("select * from recall_webhook where id = ?").param(id).query(Rows.of(WebhookRow.class)).optional();
    }
}
