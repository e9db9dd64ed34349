package org.serialregistry.warranty.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.serialregistry.warranty.CoverageKind;
import org.serialregistry.warranty.CoverageLine;
import org.serialregistry.warranty.CoverageStart;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewPolicyVersion;
import org.serialregistry.warranty.StartRule;
import org.serialregistry.warranty.WarrantyPolicyView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.jdbc.core.RowMapper;

/**
 * Policy versions. They never change once written, so each product's versions are kept in memory
 * after the first read (adjudication asks for them on every claim); a new version clears its product.
 */
@Repository
public class PolicyStore {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final Map<String, List<WarrantyPolicyView>> byGtin = new ConcurrentHashMap<>();

    PolicyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    /** A coverage line as stored. */
    record LineRow(long policyId, CoverageKind kind, int termMonths, CoverageStart startRule) {
    }

    /** Versions of one product, oldest first. */
    public List<WarrantyPolicyView> versions(String gtin) {
        return byGtin.computeIfAbsent(gtin, g -> withLines(
                jdbc.query("select * from warranty_policy where gtin = ? order by version", POLICY, g),
                client.sql("select l.policy_id, l.kind, l.term_months, l.start_rule from warranty_policy_line l "
                        + "join warranty_policy p on p.id = l.policy_id where p.gtin = ?").param(g).query(Rows.of(LineRow.class)).list()));
    }

    public List<WarrantyPolicyView> all() {
        return withLines(jdbc.query("select * from warranty_policy order by gtin, version", POLICY),
                client.sql("select policy_id, kind, term_months, start_rule from warranty_policy_line")
                        .query(Rows.of(LineRow.class)).list());
    }

    public Optional<WarrantyPolicyView> find(long id) {
        return withLines(jdbc.query("select * from warranty_policy where id = ?", POLICY, id),
                client.sql("select policy_id, kind, term_months, start_rule from warranty_policy_line where policy_id = ?")
                        .param(id).query(Rows.of(LineRow.class)).list()).stream().findFirst();
    }

    private static List<WarrantyPolicyView> withLines(List<WarrantyPolicyView> versions, List<LineRow> rows) {
        var byPolicy = rows.stream().collect(Collectors.groupingBy(LineRow::policyId));
        return versions.stream().map(v -> v.withLines(byPolicy.getOrDefault(v.id(), List.of()).stream()
                .map(r -> new CoverageLine(r.kind(), r.termMonths(), r.startRule()))
                .sorted(Comparator.comparing(CoverageLine::kind)).toList())).toList();
    }

    /** The version in force on {@code saleDate}: the latest that took effect on or before it (else the first). */
    public Optional<WarrantyPolicyView> inForce(String gtin, LocalDate saleDate) {
        var versions = versions(gtin);
        WarrantyPolicyView chosen = null;
        for (var v : versions) {
            if (!v.effectiveFrom().isAfter(saleDate)) {
                chosen = v;
            }
        }
        return Optional.ofNullable(chosen != null ? chosen : versions.isEmpty() ? null : versions.getFirst());
    }

    public WarrantyPolicyView insert(NewPolicyVersion p, int version, LocalDate effectiveFrom, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into warranty_policy (gtin, version, effective_from, term_months, "
                    + "start_rule, grace_days, covered_defects, excluded_defects, parts_covered, labour_covered, "
                    + "claim_limit, note, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[]{"id"});
            ps.setString(1, p.gtin());
            ps.setInt(2, version);
            ps.setObject(3, effectiveFrom);
            ps.setInt(4, p.termMonths());
            ps.setString(5, p.startRule().name());
            ps.setInt(6, p.graceDays());
            ps.setString(7, codes(p.coveredDefects()));
            ps.setString(8, codes(p.excludedDefects()));
            ps.setBoolean(9, p.partsCovered());
            ps.setBoolean(10, p.labourCovered());
            ps.setInt(11, p.claimLimit());
            ps.setString(12, p.note());
            ps.setString(13, by);
            ps.setObject(14, at.atOffset(ZoneOffset.UTC));
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        for (var line : p.lines() == null ? List.<CoverageLine>of() : p.lines()) {
            client.sql("insert into warranty_policy_line (policy_id, kind, term_months, start_rule) values (?, ?, ?, ?)")
                    .params(id, line.kind().name(), line.termMonths(), line.start().name()).update();
        }
        byGtin.remove(p.gtin());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    byGtin.remove(p.gtin());
                }
            });
        }
        return find(id).orElseThrow();
    }

    static String codes(Collection<DefectCode> codes) {
        return codes.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<DefectCode> parse(String text) {
        var set = EnumSet.noneOf(DefectCode.class);
        if (text != null && !text.isBlank()) {
            Arrays.stream(text.split(",")).map(String::strip).map(DefectCode::valueOf).forEach(set::add);
        }
        return set;
    }

    /** A warranty_policy row, mapped by column name; the defect lists are stored as comma-separated codes. */
    private record PolicyRow(long id, String gtin, int version, LocalDate effectiveFrom, int termMonths,
                             StartRule startRule, int graceDays, String coveredDefects, String excludedDefects,
                             boolean partsCovered, boolean labourCovered, int claimLimit, @Nullable String note,
                             String createdBy, Instant createdAt) {

        WarrantyPolicyView view() {
            return new WarrantyPolicyView(id, gtin, version, effectiveFrom, termMonths, startRule, graceDays,
                    parse(coveredDefects), parse(excludedDefects), partsCovered, labourCovered, claimLimit, note,
                    createdBy, createdAt);
        }
    }

    private static final RowMapper<PolicyRow> POLICY_ROW = Rows.of(PolicyRow.class);
    private static final RowMapper<WarrantyPolicyView> POLICY = (rs, n) -> POLICY_ROW.mapRow(rs, n).view();
}
