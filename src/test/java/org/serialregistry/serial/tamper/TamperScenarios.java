package org.serialregistry.serial.tamper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.serialregistry.audit.AuditChain;
import org.serialregistry.audit.AuditTrail;
import org.serialregistry.audit.ChainCheckpoints;
import org.springframework.transaction.support.TransactionTemplate;
import org.serialregistry.serial.ChainReport;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.serial.Units;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Someone with full SQL access to the database (but without the chain key, kept outside it) rewrites
 * the lifecycle log in each way an attacker would; the chain check names the first broken place every
 * time. Each scenario restores what it tampered with, so the next one starts from an intact log.
 * Subclasses run the same story on H2 and on PostgreSQL.
 */
@WithMockUser(username = "auditor", roles = {"ADMIN", "PRODUCTION"})
abstract class TamperScenarios {

    static final String PHONE = "09506000134352";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    ChainCheckpoints checkpoints;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail audit;
    @Autowired
    AuditChain auditChain;
    @Autowired
    TransactionTemplate tx;

    List<SerialNumber> serials;
    long lastAuditSeq;
    long stolenEvent;
    long lockedEvent;

    /** Lifts the database's append-only guard on a table, as a database owner can. */
    abstract void dropGuards(String table);

    abstract void restoreGuards(String table);

    /** Empties the tables in one statement, with every guard lifted. */
    abstract void truncate(String... tables);

    abstract void assertTruncateIsRefused(String table);

    @BeforeEach
    void aBatchAStolenAndALockedUnitAndACheckpoint() {
        var lot = "LOTT" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        var batch = issuance.issue(new IssueBatchRequest(PHONE, lot, "DE-MUC", "L1", 3, LocalDate.now().minusDays(1),
                null, "DE", null), null, true).batch();
        serials = issuance.serials(batch.id(), 0, 10);
        stolenEvent = units.changeStatus(serials.get(0), UnitStatus.STOLEN, "lorry robbed").id().value();
        lockedEvent = units.changeStatus(serials.get(1), UnitStatus.LOCKED, "held for inspection").id().value();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tx.executeWithoutResult(t -> audit.record("tamper.test", "unit", serials.get(n - 1).value(), null,
                    AuditTrail.state("step", n)));
        }
        checkpoints.writeNow();
        lastAuditSeq = jdbc.queryForObject("select max(seq) from audit_seal", Long.class);
        assertThat(units.verifyChain().intact()).as(units.verifyChain().problem()).isTrue();
        assertThat(auditChain.verify().intact()).as(auditChain.verify().problem()).isTrue();
    }

    @Test
    void anEditedAuditEntryIsNamedBySequenceNumber() {
        long seq = lastAuditSeq - 1;
        long id = jdbc.queryForObject("select entry_id from audit_seal where seq = ?", Long.class, seq);
        String actor = jdbc.queryForObject("select actor from audit_entry where id = ?", String.class, id);
        dropGuards("audit_entry");
        try {
            jdbc.update("update audit_entry set actor = 'nobody' where id = ?", id);
            var report = auditChain.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSequence()).isEqualTo(seq);
            assertThat(report.problem()).contains("altered");
            jdbc.update("update audit_entry set actor = ? where id = ?", actor, id);
        } finally {
            restoreGuards("audit_entry");
        }
        assertThat(auditChain.verify().intact()).isTrue();
    }

    @Test
    void aDeletedAuditEntryAndADeletedAuditTailWithARepointedHeadAreNamed() {
        var seals = jdbc.queryForList("select * from audit_seal where seq >= ? order by seq", lastAuditSeq - 1);
        var ids = seals.stream().map(r -> ((Number) r.get(seals.getFirst().keySet().stream()
                .filter(k -> k.equalsIgnoreCase("entry_id")).findFirst().orElseThrow())).longValue()).toList();
        var entries = jdbc.queryForList("select * from audit_entry where id in (?, ?)", ids.get(0), ids.get(1));
        var head = jdbc.queryForMap("select last_seq, last_mac from audit_chain_head where id = 1");
        dropGuards("audit_entry");
        dropGuards("audit_seal");
        try {
            // one entry in the middle of the trail
            jdbc.update("delete from audit_seal where seq = ?", lastAuditSeq - 1);
            jdbc.update("delete from audit_entry where id = ?", ids.get(0));
            var report = auditChain.verify(null);
            assertThat(report.firstBrokenSequence()).as(report.problem()).isEqualTo(lastAuditSeq - 1);
            assertThat(report.problem()).contains("is missing");
            // and the tail, with the head row pointed at what is left
            jdbc.update("delete from audit_seal where seq = ?", lastAuditSeq);
            jdbc.update("delete from audit_entry where id = ?", ids.get(1));
            jdbc.update("update audit_chain_head set last_seq = ?, last_mac = (select mac from audit_seal where seq = ?) "
                    + "where id = 1", lastAuditSeq - 2, lastAuditSeq - 2);
            report = auditChain.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSequence()).as(report.problem()).isEqualTo(lastAuditSeq - 1);
            assertThat(report.problem()).contains("checkpoint");
        } finally {
            insert("audit_entry", entries);
            insert("audit_seal", seals);
            jdbc.update("update audit_chain_head set last_seq = ?, last_mac = ? where id = 1", head.get("last_seq"),
                    head.get("last_mac"));
            restoreGuards("audit_seal");
            restoreGuards("audit_entry");
        }
        assertThat(auditChain.verify().intact()).isTrue();
    }

    @Test
    void aForcedTruncateOfTheAuditTrailIsNamedAtItsFirstEntry() {
        assertTruncateIsRefused("audit_entry");
        var entries = jdbc.queryForList("select * from audit_entry order by id");
        var seals = jdbc.queryForList("select * from audit_seal order by seq");
        var head = jdbc.queryForMap("select last_seq, last_mac from audit_chain_head where id = 1");
        try {
            truncate("audit_seal", "audit_entry");
            jdbc.update("update audit_chain_head set last_seq = 0, last_mac = ? where id = 1", "0".repeat(64));
            var report = auditChain.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSequence()).as(report.problem()).isEqualTo(1);
        } finally {
            insert("audit_entry", entries);
            insert("audit_seal", seals);
            jdbc.update("update audit_chain_head set last_seq = ?, last_mac = ? where id = 1", head.get("last_seq"),
                    head.get("last_mac"));
        }
        assertThat(auditChain.verify().intact()).isTrue();
    }

    @Test
    void anEditedEventIsNamed() {
        dropGuards("lifecycle_event");
        try {
            jdbc.update("update lifecycle_event set reason = 'returned to stock' where id = ?", stolenEvent);
            var report = units.verifyChain();
            assertBrokenAt(report, stolenEvent, "altered");
            jdbc.update("update lifecycle_event set reason = 'lorry robbed' where id = ?", stolenEvent);
        } finally {
            restoreGuards("lifecycle_event");
        }
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void anEditWithARecomputedUnkeyedHashIsNamedToo() {
        // The old chain was plain SHA-256: anyone could recompute it. Without the key, a forger can only
        // downgrade the event to an unkeyed hash, which is refused after the first keyed event.
        dropGuards("lifecycle_event");
        var before = jdbc.queryForMap("select hash, mac_key from lifecycle_event where id = ?", lockedEvent);
        try {
            jdbc.update("update lifecycle_event set mac_key = null where id = ?", lockedEvent);
            assertBrokenAt(units.verifyChain(), lockedEvent, "keyed MAC");
            jdbc.update("update lifecycle_event set mac_key = ? where id = ?", before.get("mac_key"), lockedEvent);
        } finally {
            restoreGuards("lifecycle_event");
        }
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void aDeletedEventIsNamed() {
        var event = rows("lifecycle_event", stolenEvent);
        var epc = rows("lifecycle_event_epc", stolenEvent);
        dropGuards("lifecycle_event");
        dropGuards("lifecycle_event_epc");
        try {
            jdbc.update("delete from lifecycle_event_epc where event_id = ?", stolenEvent);
            jdbc.update("delete from lifecycle_event where id = ?", stolenEvent);
            assertBrokenAt(units.verifyChain(), stolenEvent, "event " + stolenEvent + " is missing");
            insert("lifecycle_event", event);
            insert("lifecycle_event_epc", epc);
        } finally {
            restoreGuards("lifecycle_event_epc");
            restoreGuards("lifecycle_event");
        }
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void aDeletedTailWithARepointedHeadIsFoundByTheCheckpointWhileTheStolenUnitLooksGenuine() {
        var events = new ArrayList<Map<String, Object>>();
        var epcs = new ArrayList<Map<String, Object>>();
        for (long id = stolenEvent; id <= lockedEvent; id++) {
            events.addAll(rows("lifecycle_event", id));
            epcs.addAll(rows("lifecycle_event_epc", id));
        }
        var head = jdbc.queryForMap("select last_id, last_hash from lifecycle_chain_head where id = 1");
        var statuses = jdbc.queryForList("select * from unit_status where serial in (?, ?)", serials.get(0).value(),
                serials.get(1).value());
        dropGuards("lifecycle_event");
        dropGuards("lifecycle_event_epc");
        try {
            jdbc.update("delete from lifecycle_event_epc where event_id >= ?", stolenEvent);
            jdbc.update("delete from lifecycle_event where id >= ?", stolenEvent);
            jdbc.update("delete from unit_status where serial in (?, ?)", serials.get(0).value(), serials.get(1).value());
            jdbc.update("update lifecycle_chain_head set last_id = ?, last_hash = (select hash from lifecycle_event "
                    + "where id = ?) where id = 1", stolenEvent - 1, stolenEvent - 1);

            assertThat(units.find(serials.get(0)).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);
            var report = units.verifyChain();
            assertBrokenAt(report, stolenEvent, "event " + stolenEvent + " is missing");
            assertThat(report.checkpointSequence()).isGreaterThanOrEqualTo(lockedEvent);

            insert("lifecycle_event", events);
            insert("lifecycle_event_epc", epcs);
            insert("unit_status", statuses);
            jdbc.update("update lifecycle_chain_head set last_id = ?, last_hash = ? where id = 1", head.get("last_id"),
                    head.get("last_hash"));
        } finally {
            restoreGuards("lifecycle_event_epc");
            restoreGuards("lifecycle_event");
        }
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void aTruncatedLogIsRefusedAndWhenForcedTheCheckNamesItsFirstEvent() {
        assertTruncateIsRefused("lifecycle_event");
        assertTruncateIsRefused("audit_entry");
        var events = jdbc.queryForList("select * from lifecycle_event order by id");
        var epcs = jdbc.queryForList("select * from lifecycle_event_epc");
        var statuses = jdbc.queryForList("select * from unit_status");
        var head = jdbc.queryForMap("select last_id, last_hash from lifecycle_chain_head where id = 1");
        try {
            truncate("lifecycle_event_epc", "lifecycle_event", "unit_status");
            jdbc.update("update lifecycle_chain_head set last_id = 0, last_hash = ? where id = 1", "0".repeat(64));
            var report = units.verifyChain();
            assertBrokenAt(report, 1, "event 1 is missing");
        } finally {
            dropGuards("lifecycle_event");
            try {
                insert("lifecycle_event", events);
                insert("lifecycle_event_epc", epcs);
                insert("unit_status", statuses);
                jdbc.update("update lifecycle_chain_head set last_id = ?, last_hash = ? where id = 1",
                        head.get("last_id"), head.get("last_hash"));
            } finally {
                restoreGuards("lifecycle_event");
            }
        }
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void aStatusChangedWithoutAnEventNamesTheUnit() {
        jdbc.update("delete from unit_status where serial = ?", serials.get(0).value());
        var report = units.verifyChain();
        assertThat(report.intact()).isFalse();
        assertThat(report.firstInconsistentUnit()).isEqualTo(serials.get(0).value());
        assertThat(report.firstBrokenEventId()).isEqualTo(stolenEvent);
        assertThat(report.problem()).contains("has status ACTIVE but its events say STOLEN");
        jdbc.update("insert into unit_status (serial, status, last_event_id, changed_by, changed_at, version) "
                + "values (?, 'STOLEN', ?, 'auditor', current_timestamp, 0)", serials.get(0).value(), stolenEvent);
        assertThat(units.verifyChain().intact()).isTrue();

        jdbc.update("insert into unit_status (serial, status, last_event_id, changed_by, changed_at, version) "
                + "values (?, 'DESTROYED', ?, 'auditor', current_timestamp, 0)", serials.get(2).value(), lockedEvent);
        assertThat(units.verifyChain().firstInconsistentUnit()).isEqualTo(serials.get(2).value());
        jdbc.update("delete from unit_status where serial = ?", serials.get(2).value());
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void aCheckpointKeptOutsideFindsATailRemovedTogetherWithTheStoredCheckpoints() {
        String kept = checkpoints.toJsonOf(checkpoints.exportLatest(Units.CHAIN).orElseThrow());
        assertThat(units.verifyChain(checkpoints.parse(kept)).intact()).isTrue();
        var forged = kept.replace("\"sequence\":" + lockedEvent, "\"sequence\":" + (lockedEvent - 1));
        assertThatThrownBy(() -> units.verifyChain(checkpoints.parse(forged))).hasMessageContaining("signature");
    }

    private void assertBrokenAt(ChainReport report, long id, String problem) {
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenEventId()).as(report.problem()).isEqualTo(id);
        assertThat(report.problem()).contains(problem);
    }

    private List<Map<String, Object>> rows(String table, long eventId) {
        return jdbc.queryForList("select * from " + table + " where " + (table.equals("lifecycle_event") ? "id" : "event_id")
                + " = ?", eventId);
    }

    void insert(String table, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var columns = new ArrayList<>(rows.getFirst().keySet());
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        jdbc.batchUpdate(sql, rows, 500, (ps, row) -> {
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, row.get(columns.get(i)));
            }
        });
    }
}
