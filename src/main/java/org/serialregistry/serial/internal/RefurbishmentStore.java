package org.serialregistry.serial.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The links between a refurbished unit and its original (one each way; never updated). */
@Repository
public class RefurbishmentStore {

    /** One link as stored. */
    public record Link(String newSerial, String originalSerial, OffsetDateTime refurbishedAt, String refurbishedBy,
                       @Nullable String rmaNumber) {
    }

    private static final String SELECT = "select new_serial, original_serial, refurbished_at, refurbished_by, rma_number "
            + "from unit_refurbishment where ";

    private final JdbcClient jdbc;

    RefurbishmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Link link) {
        jdbc.sql("insert into unit_refurbishment (new_serial, original_serial, refurbished_at, refurbished_by, rma_number) "
                        + "values (?, ?, ?, ?, ?)")
                .params(link.newSerial(), link.originalSerial(), link.refurbishedAt(),
                        link.refurbishedBy(), link.rmaNumber())
                .update();
    }

    /** Every refurbished unit's serial (a small table: refurbishments are rare), numbered in read order. */
    public List<org.serialregistry.shared.KnownSerials.Row> newSerials() {
        var serials = jdbc.sql("select new_serial from unit_refurbishment").query(String.class).list();
        var rows = new java.util.ArrayList<org.serialregistry.shared.KnownSerials.Row>(serials.size());
        for (int i = 0; i < serials.size(); i++) {
            rows.add(new org.serialregistry.shared.KnownSerials.Row(i + 1, serials.get(i)));
        }
        return rows;
    }

    public Optional<Link> ofNew(String newSerial) {
        return jdbc.sql(SELECT + "new_serial = ?").param(newSerial).query(Rows.of(Link.class)).optional();
    }

    public Optional<Link> ofOriginal(String originalSerial) {
        return jdbc.sql(SELECT + "original_serial = ?").param(originalSerial).query(Rows.of(Link.class)).optional();
    }
}
