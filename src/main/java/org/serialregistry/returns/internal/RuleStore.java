package org.serialregistry.returns.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.returns.DispositionRule;
import org.serialregistry.returns.ReturnDisposition;
import org.serialregistry.returns.ReturnReason;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The quality team's disposition rules. */
@Repository
public class RuleStore {

    record RuleRow(long id, int priority, @Nullable String reason, @Nullable Boolean underWarranty,
                   @Nullable Integer maxAgeDays, String disposition, String explanation, boolean active, String changedBy,
                   OffsetDateTime changedAt, long version) {

        DispositionRule view() {
            return new DispositionRule(id, priority, reason == null ? null : ReturnReason.valueOf(reason), underWarranty,
                    maxAgeDays, ReturnDisposition.valueOf(disposition), explanation, active, changedBy,
                    changedAt.toInstant(), version);
        }
    }

    private static final String SELECT = "select id, priority, reason, under_warranty, max_age_days, disposition, "
            + "explanation, active, changed_by, changed_at, version from disposition_rule ";

    private final JdbcClient jdbc;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every rule, in the order they are tried. */
    public List<DispositionRule> all() {
        return jdbc.sql(SELECT + "order by priority, id").query(Rows.of(RuleRow.class)).stream().map(RuleRow::view).toList();
    }

    public Optional<DispositionRule> find(long id) {
        return jdbc.sql(SELECT + "where id = ?").param(id).query(Rows.of(RuleRow.class)).optional().map(RuleRow::view);
    }

    public long insert(DispositionRule r, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into disposition_rule (priority, reason, under_warranty, max_age_days, disposition, explanation, "
                        + "active, changed_by, changed_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(r.priority(), r.reason() == null ? null : r.reason().name(), r.underWarranty(), r.maxAgeDays(),
                        r.disposition().name(), r.explanation(), r.active(), r.changedBy(), at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** false when the rule changed since {@code version}. */
    public boolean update(long id, long version, DispositionRule r, Instant at) {
        return jdbc.sql("update disposition_rule set priority = ?, reason = ?, under_warranty = ?, max_age_days = ?, "
                        + "disposition = ?, explanation = ?, active = ?, changed_by = ?, changed_at = ?, "
                        + "version = version + 1 where id = ? and version = ?")
                .params(r.priority(), r.reason() == null ? null : r.reason().name(), r.underWarranty(), r.maxAgeDays(),
                        r.disposition().name(), r.explanation(), r.active(), r.changedBy(), at.atOffset(ZoneOffset.UTC),
                        id, version)
                .update() == 1;
    }
}
