package org.serialregistry.returns.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.serialregistry.returns.RepairView;
import org.serialregistry.shared.Rows;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.ServiceOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.jdbc.core.RowMapper;

@Repository
public class RepairStore {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    RepairStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    public RepairView insert(ClaimId claimId, String claimNumber, String rma, String serial, String actions,
                             @Nullable String parts, String technician, @Nullable String serviceCentre,
                             ServiceOutcome outcome, @Nullable String replacement, String by, Instant at) {
        var keys = new GeneratedKeyHolder();
        client.sql("insert into repair_record (claim_id, claim_number, rma_number, serial, actions, parts, technician, "
                        + "outcome, replacement_serial, logged_by, logged_at, service_party) values (?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(claimId.value(), claimNumber, rma, serial, actions, parts, technician, outcome.name(), replacement, by,
                        at.atOffset(ZoneOffset.UTC), serviceCentre)
                .update(keys, "id");
        return new RepairView(keys.getKey().longValue(), claimId, claimNumber, rma, serial, actions, parts, technician,
                serviceCentre, outcome, replacement, by, at);
    }

    public List<RepairView> ofClaim(ClaimId claimId) {
        return jdbc.query(REPAIRS + " where claim_id = ? order by id", REPAIR, claimId.value());
    }

    public List<RepairView> ofSerialOrReplacement(String serial) {
        return jdbc.query(REPAIRS + " where serial = ? or replacement_serial = ? order by id",
                REPAIR, serial, serial);
    }

    public List<RepairView> latest(int limit) {
        return jdbc.query(REPAIRS + " order by id desc fetch first " + Math.min(limit, 1000)
                + " rows only", REPAIR);
    }

    /** Repair rows with the centre's party code under the name {@link RepairView} gives it. */
    private static final String REPAIRS = "select repair_record.*, service_party as service_centre from repair_record";
    private static final RowMapper<RepairView> REPAIR = Rows.of(RepairView.class);

    private record Assignment(ClaimId claimId, String serviceParty) {
    }

    private static final RowMapper<Assignment> ASSIGNMENT = Rows.of(Assignment.class);

    // ---- which service centre an RMA is with

    public Map<ClaimId, String> assignments() {
        var map = new HashMap<ClaimId, String>();
        jdbc.query("select claim_id, service_party from rma_assignment", ASSIGNMENT)
                .forEach(a -> map.put(a.claimId(), a.serviceParty()));
        return map;
    }

    public Optional<String> assignment(ClaimId claimId) {
        return jdbc.queryForList("select service_party from rma_assignment where claim_id = ?", String.class, claimId.value())
                .stream().findFirst();
    }

    /** Records that a centre took an RMA; false when another took it first. */
    public boolean assign(ClaimId claimId, String party, String by, Instant at) {
        // no insert-and-catch: on PostgreSQL a failed insert would abort the caller's transaction
        return jdbc.update("insert into rma_assignment (claim_id, service_party, assigned_by, assigned_at) "
                + "select ?, ?, ?, ? where not exists (select 1 from rma_assignment where claim_id = ?)", claimId.value(), party,
                by, at.atOffset(ZoneOffset.UTC), claimId.value()) == 1;
    }
}
