package org.serialregistry.custody.internal;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.serialregistry.custody.CustodyMovement;
import org.serialregistry.serial.BusinessStep;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Units received and passed on per party ({@code custody_party_volume}), changed in the same transaction
 * as the movements they count, so the channel home reads a handful of rows instead of grouping every
 * movement. A movement counts as received by its {@code to_party} (RECEIVING) or passed on by its
 * {@code from_party} (SHIPPING, RETAIL_SELLING), as the grouping queries it replaces did. Rows are
 * changed in party order, so two shipments never wait on each other's rows crosswise; a party's row
 * stays locked until its transaction commits, which serialises only the commits of one party's
 * concurrent shipments. The first movement of a party inserts its row under a savepoint (plain SQL that
 * H2 and PostgreSQL both run), as {@code ClaimTally} does.
 */
@Repository
class CustodyVolumeTally {

    private static final String UPDATE = "update custody_party_volume set received = received + ?, "
            + "passed_on = passed_on + ? where party = ?";
    private static final String INSERT = "insert into custody_party_volume (party, received, passed_on) values (?,?,?)";

    private final JdbcTemplate jdbc;

    CustodyVolumeTally(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds these movements ({@code sign} 1) or takes them away again ({@code sign} -1). */
    void count(Collection<CustodyMovement> movements, int sign) {
        var perParty = new TreeMap<String, long[]>();
        for (var m : movements) {
            if (m.bizStep() == BusinessStep.RECEIVING && m.toParty() != null) {
                perParty.computeIfAbsent(m.toParty(), k -> new long[2])[0] += sign;
            } else if ((m.bizStep() == BusinessStep.SHIPPING || m.bizStep() == BusinessStep.RETAIL_SELLING)
                    && m.fromParty() != null) {
                perParty.computeIfAbsent(m.fromParty(), k -> new long[2])[1] += sign;
            }
        }
        perParty.forEach((party, n) -> add(party, n[0], n[1]));
    }

    /** Per party: {received, passed on}. */
    Map<String, long[]> all() {
        var map = new TreeMap<String, long[]>();
        jdbc.query("select party, received, passed_on from custody_party_volume", rs -> {
            map.put(rs.getString("party"), new long[]{rs.getLong("received"), rs.getLong("passed_on")});
        });
        return map;
    }

    private void add(String party, long received, long passedOn) {
        if (jdbc.update(UPDATE, received, passedOn, party) == 1) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) con -> {
            Savepoint savepoint = con.setSavepoint();
            try (var ps = con.prepareStatement(INSERT)) {
                ps.setString(1, party);
                ps.setLong(2, received);
                ps.setLong(3, passedOn);
                ps.executeUpdate();
                con.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                con.rollback(savepoint);
                if (!"23505".equals(e.getSQLState()) && !"23001".equals(e.getSQLState())) {
                    throw e;
                }
                // a concurrent transaction inserted the row first
                try (var ps = con.prepareStatement(UPDATE)) {
                    ps.setLong(1, received);
                    ps.setLong(2, passedOn);
                    ps.setString(3, party);
                    if (ps.executeUpdate() != 1) {
                        throw new DuplicateKeyException("custody volume row vanished");
                    }
                }
            }
            return null;
        });
    }
}
