package org.serialregistry.warranty.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cover term of refurbished units per product. */
@Repository
public class RefurbishmentPolicyStore {

    private final JdbcClient jdbc;

    RefurbishmentPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A product's row. */
    public record Row(int termMonths, boolean replacementOwnTerm) {
    }

    public Optional<Row> find(String gtin) {
        return jdbc.sql("select term_months, replacement_own_term from refurbishment_policy where gtin = ?").param(gtin)
                .query(Rows.of(Row.class)).optional();
    }

    public void save(String gtin, Row row, String by, Instant at) {
        int updated = jdbc.sql("update refurbishment_policy set term_months = ?, replacement_own_term = ?, changed_by = ?, "
                        + "changed_at = ?, version = version + 1 where gtin = ?")
                .params(row.termMonths(), row.replacementOwnTerm(), by, at.atOffset(ZoneOffset.UTC), gtin).update();
        if (updated == 0) {
            jdbc.sql("insert into refurbishment_policy (gtin, term_months, replacement_own_term, changed_by, changed_at, "
                    + "version) values (?, ?, ?, ?, ?, 0)")
                    .params(gtin, row.termMonths(), row.replacementOwnTerm(), by, at.atOffset(ZoneOffset.UTC)).update();
        }
    }
}
