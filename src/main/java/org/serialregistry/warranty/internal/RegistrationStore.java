package org.serialregistry.warranty.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.Rows;
import org.serialregistry.warranty.OwnershipView;
import org.serialregistry.warranty.RegistrationChannel;
import org.serialregistry.warranty.RegistrationStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class RegistrationStore {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    RegistrationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    public record Draft(String serial, String gtin, LocalDate purchaseDate, String retailer, String ownerName,
                        String email, RegistrationChannel channel, RegistrationStatus status,
                        @Nullable Long conflictsWith, @Nullable Long transferredFrom, @Nullable LocalDate transferDate,
                        @Nullable Long proofFileId, String by, Instant at, @Nullable String clientKey) {

        public Draft(String serial, String gtin, LocalDate purchaseDate, String retailer, String ownerName,
                     String email, RegistrationChannel channel, RegistrationStatus status,
                     @Nullable Long conflictsWith, @Nullable Long transferredFrom, @Nullable LocalDate transferDate,
                     @Nullable Long proofFileId, String by, Instant at) {
            this(serial, gtin, purchaseDate, retailer, ownerName, email, channel, status, conflictsWith,
                    transferredFrom, transferDate, proofFileId, by, at, null);
        }
    }

    /** Public-form registrations with a proof since {@code from}, for one serial or one client key. */
    public long publicProofsSince(Instant from, @Nullable String serial, @Nullable String clientKey) {
        return jdbc.queryForObject("select count(*) from ownership_registration where registered_at >= ? "
                        + "and channel = 'PUBLIC' and proof_file_id is not null and (serial = ? or client_key = ?)",
                Long.class, from.atOffset(ZoneOffset.UTC), serial, clientKey);
    }

    public OwnershipView insert(Draft d) {
        var keys = new GeneratedKeyHolder();
        client.sql("insert into ownership_registration (serial, gtin, purchase_date, retailer, owner_name, email, "
                        + "channel, status, conflicts_with, transferred_from, transfer_date, proof_file_id, registered_by, "
                        + "registered_at, client_key, version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)")
                .params(d.serial(), d.gtin(), d.purchaseDate(), d.retailer(), d.ownerName(), d.email(),
                        d.channel().name(), d.status().name(), d.conflictsWith(), d.transferredFrom(), d.transferDate(),
                        d.proofFileId(), d.by(), d.at().atOffset(ZoneOffset.UTC), d.clientKey())
                .update(keys, "id");
        return find(keys.getKey().longValue()).orElseThrow();
    }

    public Optional<OwnershipView> find(long id) {
        return jdbc.query("select * from ownership_registration where id = ?", OWNERSHIP, id).stream().findFirst();
    }

    /** The active registrations of these serials (at most one each), for bulk notices such as a recall. */
    public List<OwnershipView> activeOf(java.util.Collection<String> serials) {
        var result = new java.util.ArrayList<OwnershipView>();
        var list = new java.util.ArrayList<>(serials);
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        for (int i = 0; i < list.size(); i += 1000) {
            result.addAll(named.query("select * from ownership_registration where status = 'ACTIVE' and serial in (:s)",
                    java.util.Map.of("s", list.subList(i, Math.min(list.size(), i + 1000))), OWNERSHIP));
        }
        return result;
    }

    /** Registrations after {@code afterId}, in id order (id, serial): for the set of registered units. */
    public List<org.serialregistry.shared.KnownSerials.Row> after(long afterId, int limit) {
        return jdbc.query("select id, serial from ownership_registration where id > ? order by id fetch first " + limit
                + " rows only", org.serialregistry.shared.Rows.of(org.serialregistry.shared.KnownSerials.Row.class), afterId);
    }

    public Optional<OwnershipView> active(String serial) {
        return jdbc.query("select * from ownership_registration where serial = ? and status = 'ACTIVE'",
                OWNERSHIP, serial).stream().findFirst();
    }

    /** The purchase date of the first registration in the unit's ownership chain (resale keeps the warranty start). */
    public List<OwnershipView> ofSerial(String serial) {
        return jdbc.query("select * from ownership_registration where serial = ? order by id", OWNERSHIP, serial);
    }

    public boolean hasOpenConflict(String serial) {
        return jdbc.queryForObject("select count(*) from ownership_registration where serial = ? and status = 'CONFLICT'",
                Long.class, serial) > 0;
    }

    public List<OwnershipView> withStatus(RegistrationStatus status, int limit) {
        return jdbc.query("select * from ownership_registration where status = ? order by registered_at desc fetch first "
                + limit + " rows only", OWNERSHIP, status.name());
    }

    public long countWithStatus(RegistrationStatus status) {
        return jdbc.queryForObject("select count(*) from ownership_registration where status = ?", Long.class, status.name());
    }

    /** Moves a registration on, guarded by its version; false when someone changed it meanwhile. */
    public boolean setStatus(long id, long expectedVersion, RegistrationStatus status, @Nullable String by,
                             @Nullable Instant at, @Nullable String resolution) {
        return jdbc.update("update ownership_registration set status = ?, resolved_by = ?, resolved_at = ?, resolution = ?, "
                        + "version = version + 1 where id = ? and version = ?", status.name(), by,
                at == null ? null : at.atOffset(ZoneOffset.UTC), resolution, id, expectedVersion) == 1;
    }

    /** Rows map onto {@link OwnershipView} by column name. */
    static final RowMapper<OwnershipView> OWNERSHIP = Rows.of(OwnershipView.class);
}
