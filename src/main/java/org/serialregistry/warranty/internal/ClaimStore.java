package org.serialregistry.warranty.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.serialregistry.warranty.CheckResult;
import org.serialregistry.warranty.ClaimChannel;
import org.serialregistry.warranty.ClaimCheck;
import org.serialregistry.warranty.ClaimDecision;
import org.serialregistry.warranty.ClaimFilter;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ClaimState;
import org.serialregistry.warranty.ClaimTotals;
import org.serialregistry.warranty.ClaimView;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.FailureAction;
import org.serialregistry.warranty.SignatureMeaning;
import org.serialregistry.warranty.SignatureView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ClaimStore {

    private final JdbcTemplate jdbc;

    ClaimStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Draft(String serial, String gtin, String lot, String facilityCode, String lineCode,
                        LocalDate productionDate, DefectCode defect, @Nullable String description, LocalDate failureDate,
                        String claimantName, String claimantEmail, String submittedBy, ClaimChannel channel,
                        @Nullable String externalReference, Instant submittedAt) {
    }

    /** Inserts a SUBMITTED claim and answers its id. */
    public long insert(Draft d) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into warranty_claim (serial, gtin, lot, facility_code, line_code, "
                    + "production_date, defect_code, description, failure_date, claimant_name, claimant_email, "
                    + "submitted_by, channel, external_reference, state, submitted_at, version) "
                    + "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'SUBMITTED',?,0)", new String[]{"id"});
            ps.setString(1, d.serial());
            ps.setString(2, d.gtin());
            ps.setString(3, d.lot());
            ps.setString(4, d.facilityCode());
            ps.setString(5, d.lineCode());
            ps.setObject(6, d.productionDate());
            ps.setString(7, d.defect().name());
            ps.setString(8, d.description());
            ps.setObject(9, d.failureDate());
            ps.setString(10, d.claimantName());
            ps.setString(11, d.claimantEmail());
            ps.setString(12, d.submittedBy());
            ps.setString(13, d.channel().name());
            ps.setString(14, d.externalReference());
            ps.setObject(15, d.submittedAt().atOffset(ZoneOffset.UTC));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    public void insertChecks(long claimId, List<CheckResult> checks) {
        var args = new ArrayList<Object[]>();
        for (int i = 0; i < checks.size(); i++) {
            var c = checks.get(i);
            args.add(new Object[]{claimId, i + 1, c.check().name(), c.passed(), c.onFailure().name(), c.detail()});
        }
        jdbc.batchUpdate("insert into warranty_claim_check (claim_id, position, check_code, passed, on_failure, detail) "
                + "values (?,?,?,?,?,?)", args);
    }

    /** Records the automatic decision on a just-inserted claim. */
    public void decideAutomatically(long id, ClaimState state, ClaimDecision decision, String reasons,
                                    @Nullable Long policyId, @Nullable LocalDate coveredUntil, @Nullable String rma,
                                    Instant at) {
        jdbc.update("update warranty_claim set state = ?, decision = ?, decided_automatically = true, decision_reasons = ?, "
                        + "policy_id = ?, covered_until = ?, rma_number = ?, decided_at = ?, decided_by = 'system' "
                        + "where id = ?", state.name(), decision.name(), reasons, policyId, coveredUntil, rma,
                at.atOffset(ZoneOffset.UTC), id);
    }

    /** A person's decision, only if nobody changed the claim since {@code expectedVersion}. */
    public boolean decideByPerson(long id, long expectedVersion, ClaimState state, ClaimDecision decision,
                                  String reasons, @Nullable String rma, String by, Instant at) {
        return jdbc.update("update warranty_claim set state = ?, decision = ?, decided_automatically = false, "
                        + "decision_reasons = ?, rma_number = coalesce(?, rma_number), decided_at = ?, decided_by = ?, "
                        + "version = version + 1 where id = ? and version = ?", state.name(), decision.name(), reasons,
                rma, at.atOffset(ZoneOffset.UTC), by, id, expectedVersion) == 1;
    }

    public boolean assign(long id, @Nullable String assignee) {
        return jdbc.update("update warranty_claim set assigned_to = ?, version = version + 1 where id = ?", assignee, id) == 1;
    }

    public boolean serviceOutcome(long id, long expectedVersion, ClaimState state, @Nullable String replacementSerial,
                                  @Nullable Instant closedAt) {
        return jdbc.update("update warranty_claim set state = ?, replacement_serial = coalesce(?, replacement_serial), "
                        + "closed_at = ?, version = version + 1 where id = ? and version = ?", state.name(),
                replacementSerial, closedAt == null ? null : closedAt.atOffset(ZoneOffset.UTC), id, expectedVersion) == 1;
    }

    public Optional<ClaimView> find(long id) {
        return jdbc.query("select * from warranty_claim where id = ?", CLAIM, id).stream().findFirst();
    }

    public Optional<ClaimView> findByReference(String submittedBy, String reference) {
        return jdbc.query("select * from warranty_claim where submitted_by = ? and external_reference = ?",
                CLAIM, submittedBy, reference).stream().findFirst();
    }

    /** The other units one claimant (e-mail address, lower case) claimed for since {@code since}. */
    public List<String> serialsClaimedBy(String claimantEmail, Instant since, String exceptSerial) {
        return jdbc.queryForList("select distinct serial from warranty_claim where claimant_email = ? "
                + "and submitted_at >= ? and serial <> ? order by serial", String.class, claimantEmail,
                since.atOffset(ZoneOffset.UTC), exceptSerial);
    }

    public List<ClaimView> ofSerial(String serial) {
        return jdbc.query("select * from warranty_claim where serial = ? order by id", CLAIM, serial);
    }

    /** Claims after {@code afterId} that named a replacement unit, in id order (claim id, replacement serial). */
    public List<org.serialregistry.shared.KnownSerials.Row> replacementsAfter(long afterId, int limit) {
        return jdbc.query("select id, replacement_serial as serial from warranty_claim where replacement_serial is not null "
                + "and id > ? order by id fetch first " + limit + " rows only",
                org.serialregistry.shared.Rows.of(org.serialregistry.shared.KnownSerials.Row.class), afterId);
    }

    public List<ClaimView> replacing(String replacementSerial) {
        return jdbc.query("select * from warranty_claim where replacement_serial = ? order by id", CLAIM,
                replacementSerial);
    }

    public List<CheckResult> checks(long claimId) {
        return jdbc.query("select * from warranty_claim_check where claim_id = ? order by position",
                CHECK, claimId).stream().map(c -> new CheckResult(c.checkCode(), c.passed(), c.onFailure(), c.detail()))
                .toList();
    }

    public void insertSignature(long claimId, String signer, String printedName, SignatureMeaning meaning,
                                ClaimDecision decision, @Nullable String note, Instant at, String hash) {
        jdbc.update("insert into warranty_signature (claim_id, signer, printed_name, meaning, decision, note, signed_at, "
                        + "content_hash) values (?,?,?,?,?,?,?,?)", claimId, signer, printedName, meaning.name(),
                decision.name(), note, at.atOffset(ZoneOffset.UTC), hash);
    }

    public List<SignatureView> signatures(long claimId) {
        return jdbc.query("select * from warranty_signature where claim_id = ? order by id",
                SIGNATURE, claimId);
    }

    public List<ClaimView> search(ClaimFilter f) {
        return search(f, 0);
    }

    /** The claims of {@code f} from the {@code offset}-th on, at most {@code f.limit()} (5,000 at most). */
    public List<ClaimView> search(ClaimFilter f, int offset) {
        var sql = new StringBuilder("select * from warranty_claim");
        var args = where(f, sql);
        sql.append(f.sort() == ClaimFilter.Sort.OLDEST_FIRST ? " order by submitted_at, id" : " order by submitted_at desc, id desc");
        sql.append(" offset ").append(Math.max(0, offset)).append(" rows fetch next ")
                .append(Math.max(1, Math.min(f.limit(), 5000))).append(" rows only");
        return jdbc.query(sql.toString(), CLAIM, args.toArray());
    }

    /**
     * How many claims {@code f} covers (the filter's limit does not count) and how many of them are denied: one
     * aggregate, no grouping (a lot's count per state, grouped, took most of the quality drill-down's time).
     */
    public ClaimTotals totals(ClaimFilter f) {
        var sql = new StringBuilder("select count(*) as total, count(case when state = 'DENIED' then 1 end) as denied "
                + "from warranty_claim");
        var args = where(f, sql);
        return jdbc.queryForObject(sql.toString(), TOTALS, args.toArray());
    }

    /** Appends the filter's conditions to {@code sql}; returns their arguments. */
    private static List<Object> where(ClaimFilter f, StringBuilder sql) {
        sql.append(" where 1 = 1");
        var args = new ArrayList<Object>();
        if (f.states() != null && !f.states().isEmpty()) {
            sql.append(" and state in (").append(String.join(",", f.states().stream().map(s -> "?").toList())).append(")");
            f.states().forEach(s -> args.add(s.name()));
        }
        eq(sql, args, "gtin", f.gtin());
        eq(sql, args, "lot", f.lot());
        eq(sql, args, "facility_code", f.facilityCode());
        eq(sql, args, "line_code", f.lineCode());
        eq(sql, args, "defect_code", f.defect() == null ? null : f.defect().name());
        eq(sql, args, "assigned_to", f.assignedTo());
        eq(sql, args, "submitted_by", f.submittedBy());
        if (f.text() != null && !f.text().isBlank()) {
            String t = f.text().strip().toUpperCase();
            Long id = null;
            if (t.matches("(WC-)?\\d{1,12}")) {
                id = Long.parseLong(t.replace("WC-", ""));
            }
            sql.append(" and (serial = ? or rma_number = ? or upper(claimant_name) like ? or id = ?)");
            args.add(t);
            args.add(t);
            args.add("%" + t + "%");
            args.add(id == null ? -1L : id);
        }
        return args;
    }

    /** Narrows {@code sql} to {@code column = value}, unless the value is blank (the tally's totals narrow alike). */
    static void eq(StringBuilder sql, List<Object> args, String column, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = ?");
            args.add(value.strip());
        }
    }

    /** A warranty_claim row, mapped by column name. */
    private record ClaimRow(long id, String serial, String gtin, String lot, String facilityCode, String lineCode,
                            LocalDate productionDate, DefectCode defectCode, @Nullable String description,
                            LocalDate failureDate, String claimantName, String claimantEmail, String submittedBy,
                            ClaimChannel channel, @Nullable String externalReference, ClaimState state,
                            @Nullable ClaimDecision decision, @Nullable Boolean decidedAutomatically,
                            @Nullable String decisionReasons, @Nullable Long policyId, @Nullable LocalDate coveredUntil,
                            @Nullable String rmaNumber, @Nullable String replacementSerial, @Nullable String assignedTo,
                            Instant submittedAt, @Nullable Instant decidedAt, @Nullable String decidedBy,
                            @Nullable Instant closedAt, long version) {

        ClaimView view() {
            var claim = new ClaimId(id);
            return new ClaimView(claim, claim.number(), serial, gtin, lot, facilityCode, lineCode, productionDate,
                    defectCode, description, failureDate, claimantName, claimantEmail, submittedBy, channel,
                    externalReference, state, decision, Boolean.TRUE.equals(decidedAutomatically), decisionReasons,
                    policyId, coveredUntil, rmaNumber, replacementSerial, assignedTo, submittedAt, decidedAt, decidedBy,
                    closedAt, version);
        }
    }

    /** A warranty_claim_check row, mapped by column name. */
    private record CheckRow(ClaimCheck checkCode, boolean passed, FailureAction onFailure, String detail) {
    }

    private static final RowMapper<ClaimRow> CLAIM_ROW = Rows.of(ClaimRow.class);
    private static final RowMapper<ClaimView> CLAIM = (rs, n) -> CLAIM_ROW.mapRow(rs, n).view();
    private static final RowMapper<CheckRow> CHECK = Rows.of(CheckRow.class);
    private static final RowMapper<ClaimTotals> TOTALS = Rows.of(ClaimTotals.class);
    private static final RowMapper<SignatureView> SIGNATURE = Rows.of(SignatureView.class);
}
