package org.serialregistry.verification.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.serialregistry.shared.Rows;
import org.serialregistry.verification.ListedCounterfeit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The counterfeit list ({@code counterfeit_listing}): removals keep the row, with who, when and why. */
@Repository
public class CounterfeitListStore {

    private static final String LISTED = "select serial, gtin, reason, note, listed_by, listed_at from counterfeit_listing "
            + "where removed_at is null";

    private final JdbcClient jdbc;

    CounterfeitListStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ListedCounterfeit> find(String serial) {
        return jdbc.sql(LISTED + " and serial = ?").param(serial).query(Rows.of(ListedCounterfeit.class)).optional();
    }

    /** Newest first. */
    public List<ListedCounterfeit> all() {
        return jdbc.sql(LISTED + " order by listed_at desc").query(Rows.of(ListedCounterfeit.class)).list();
    }

    public List<String> listedSerials() {
        return jdbc.sql("select serial from counterfeit_listing where removed_at is null").query(String.class).list();
    }

    public void insert(ListedCounterfeit entry) {
        jdbc.sql("insert into counterfeit_listing (serial, gtin, reason, note, listed_by, listed_at) values (?,?,?,?,?,?)")
                .params(entry.serial(), entry.gtin(), entry.reason().name(), entry.note(), entry.listedBy(),
                        entry.listedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** False when the serial was not listed. */
    public boolean remove(String serial, String by, Instant at, String why) {
        return jdbc.sql("update counterfeit_listing set removed_by = ?, removed_at = ?, removal_reason = ? "
                        + "where serial = ? and removed_at is null")
                .params(by, at.atOffset(ZoneOffset.UTC), why, serial).update() > 0;
    }
}
