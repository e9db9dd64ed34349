package org.serialregistry.warranty.internal;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Serials refused at a claim or registration because they are not genuine ({@code suspect_serial_presentation}). */
@Repository
class SuspectPresentationStore {

    private final JdbcClient jdbc;

    SuspectPresentationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String gtin, String serial, String reason, String context, String presentedBy, Instant at) {
        jdbc.sql("insert into suspect_serial_presentation (gtin, serial, reason, context, presented_by, presented_at) "
                        + "values (?,?,?,?,?,?)")
                .params(gtin, serial, reason, context, presentedBy, at.atOffset(ZoneOffset.UTC)).update();
    }
}
