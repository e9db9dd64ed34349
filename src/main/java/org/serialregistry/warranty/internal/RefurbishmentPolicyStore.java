package org.serialregistry.warranty.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cover term of refurbished units per product. */
@Repository
public class RefurbishmentPolicyStore {

    private final JdbcClient jdbc;

    RefurbishmentPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Integer> termMonths(String gtin) {
        return jdbc.sql("select term_months from refurbishment_policy where gtin = ?").param(gtin)
                .query(Integer.class).optional();
    }

    public void save(String gtin, int months, String by, Instant at) {
        int updated = jdbc.sql("update refurbishment_policy set term_months = ?, changed_by = ?, changed_at = ?, "
                        + "version = version + 1 where gtin = ?")
                .params(months, by, at.atOffset(ZoneOffset.UTC), gtin).update();
        if (updated == 0) {
            jdbc.sql("insert into refurbishment_policy (gtin, term_months, changed_by, changed_at, version) "
                    + "values (?, ?, ?, ?, 0)").params(gtin, months, by, at.atOffset(ZoneOffset.UTC)).update();
        }
    }
}
