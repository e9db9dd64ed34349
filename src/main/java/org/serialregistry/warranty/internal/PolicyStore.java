package org.serialregistry.warranty.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.NewPolicyVersion;
import org.serialregistry.warranty.StartRule;
import org.serialregistry.warranty.WarrantyPolicyView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Policy versions. They never change once written, so each product's versions are kept in memory
 * after the first read (adjudication asks for them on every claim); a new version clears its product.
 */
@Repository
public class PolicyStore {

    private final JdbcTemplate jdbc;
    private final Map<String, List<WarrantyPolicyView>> byGtin = new ConcurrentHashMap<>();

    PolicyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Versions of one product, oldest first. */
    public List<WarrantyPolicyView> versions(String gtin) {
        return byGtin.computeIfAbsent(gtin, g -> List.copyOf(
                jdbc.query("select * from warranty_policy where gtin = ? order by version", PolicyStore::map, g)));
    }

    public List<WarrantyPolicyView> all() {
        return jdbc.query("select * from warranty_policy order by gtin, version", PolicyStore::map);
    }

    public Optional<WarrantyPolicyView> find(long id) {
        return jdbc.query("select * from warranty_policy where id = ?", PolicyStore::map, id).stream().findFirst();
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

    static WarrantyPolicyView map(ResultSet rs, int n) throws SQLException {
        return new WarrantyPolicyView(rs.getLong("id"), rs.getString("gtin"), rs.getInt("version"),
                rs.getObject("effective_from", LocalDate.class), rs.getInt("term_months"),
                StartRule.valueOf(rs.getString("start_rule")), rs.getInt("grace_days"),
                parse(rs.getString("covered_defects")), parse(rs.getString("excluded_defects")),
                rs.getBoolean("parts_covered"), rs.getBoolean("labour_covered"), rs.getInt("claim_limit"),
                rs.getString("note"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
