package org.serialregistry.serial;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.SerialNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production staff issue serials; every serial is genuine by its tag, unique, and commissioned by one event. */
@IntegrationTest
@WithMockUser(username = "pat", roles = "PRODUCTION")
class SerialIssuanceTest {

    static final String PHONE = "09506000134352";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    Units units;
    @Autowired
    JdbcTemplate jdbc;

    static IssueBatchRequest request(String lot, int quantity) {
        return new IssueBatchRequest(PHONE, lot, "DE-MUC", "L1", quantity, LocalDate.now().minusDays(1), null, "DE", null);
    }

    @Test
    void aSmallBatchIsIssuedAtOnceAndEachSerialIsGenuineAndCommissioned() {
        var submission = issuance.issue(request("LOTA1", 250), null, true);
        var batch = submission.batch();
        assertThat(submission.created()).isTrue();
        assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch.issuedCount()).isEqualTo(250);

        var serials = issuance.serials(batch.id(), 0, 1000);
        assertThat(serials).hasSize(250).doesNotHaveDuplicates();
        for (SerialNumber s : serials) {
            assertThat(s.value()).hasSize(20).matches("[0-9A-Z]{20}");
            var check = units.checkCode(new Gtin(PHONE), s.value());
            assertThat(check).isInstanceOf(CodeCheck.Genuine.class);
            assertThat(((CodeCheck.Genuine) check).facilityNumber()).isEqualTo(1);
            assertThat(((CodeCheck.Genuine) check).lineNumber()).isEqualTo(1);
            assertThat(((CodeCheck.Genuine) check).productionDay()).isEqualTo(LocalDate.now().minusDays(1));
        }
        var unit = units.find(serials.getFirst()).orElseThrow();
        assertThat(unit.lot().value()).isEqualTo("LOTA1");
        assertThat(unit.facilityCode()).isEqualTo("DE-MUC");
        assertThat(unit.status()).isEqualTo(UnitStatus.ACTIVE);
        var history = units.history(serials.getFirst());
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().bizStep()).isEqualTo(BusinessStep.COMMISSIONING);
        assertThat(history.getFirst().epcCount()).isEqualTo(250);
        assertThat(units.verifyChain().intact()).isTrue();
    }

    @Test
    void aLargeBatchRunsInTheBackgroundAndReportsProgressUntilCompleted() throws Exception {
        var batch = issuance.issue(request("LOTBIG", 30_000), null, true).batch();
        assertThat(batch.status()).isIn(BatchStatus.QUEUED, BatchStatus.RUNNING);
        BatchView now = await().pollInSameThread().atMost(java.time.Duration.ofSeconds(120)).until(() -> {
            var seen = issuance.batch(batch.id()).orElseThrow();
            assertThat(seen.issuedCount()).as("progress never overshoots").isBetween(0, 30_000);
            return seen;
        }, seen -> seen.status() == BatchStatus.COMPLETED || seen.status() == BatchStatus.FAILED);
        assertThat(now.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("select count(*) from unit where batch_id = ?", Long.class, batch.id()))
                .isEqualTo(30_000L);
    }

    @Test
    void theSameIdempotencyKeyNeverMakesTwoBatchesEvenWhenRequestsRace() throws Exception {
        String key = "erp-order-" + UUID.randomUUID();
        var pool = Executors.newFixedThreadPool(6);
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        var calls = new ArrayList<Callable<SerialIssuance.Submission>>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> {
                org.springframework.security.core.context.SecurityContextHolder.setContext(context);
                return issuance.issue(request("LOTIDEM", 40), key, true);
            });
        }
        var ids = new java.util.HashSet<UUID>();
        int created = 0;
        for (var f : pool.invokeAll(calls)) {
            ids.add(f.get().batch().id());
            created += f.get().created() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(created).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from serial_batch where idempotency_key = ?", Long.class, key))
                .isEqualTo(1L);
        assertThatThrownBy(() -> issuance.issue(request("LOTIDEM", 41), key, true))
                .isInstanceOf(SerialIssuance.IdempotencyConflictException.class);
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        long before = jdbc.queryForObject("select count(*) from serial_batch", Long.class);
        assertRejected(new IssueBatchRequest("09506000134353", "L1", "DE-MUC", "L1", 5, null, null, "DE", null), "gtin:");
        assertRejected(new IssueBatchRequest("07612345000053", "L1", "DE-MUC", "L1", 5, null, null, "DE", null),
                "gtin: no product");
        assertRejected(new IssueBatchRequest(PHONE, "lot-1", "DE-MUC", "L1", 5, null, null, "DE", null), "lot:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "XX-NOPE", "L1", 5, null, null, "DE", null), "facility:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "DE-MUC", "L9", 5, null, null, "DE", null), "line:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "DE-MUC", "L1", 0, null, null, "DE", null), "quantity:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "DE-MUC", "L1", 1_000_001, null, null, "DE", null), "quantity:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "DE-MUC", "L1", 5, LocalDate.now().plusDays(30), null, "DE", null),
                "productionDate:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "DE-MUC", "L1", 5, null, null, "US", null), "intendedMarket:");
        assertRejected(new IssueBatchRequest(PHONE, "L1", "DE-MUC", "L1", 1, null, null, "DE",
                List.of(List.of("0ZZZZZZZZZZZZZZZZZZZ"))), "components:");
        assertThat(jdbc.queryForObject("select count(*) from serial_batch", Long.class)).isEqualTo(before);
    }

    @Test
    void productionRecordsCannotBeChangedEvenWithDirectSql() {
        var serial = issuance.serials(issuance.issue(request("LOTIMM", 3), null, true).batch().id(), 0, 10).getFirst();
        assertThatThrownBy(() -> jdbc.update("update unit set lot = 'FORGED' where serial = ?", serial.value()))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from unit where serial = ?", serial.value()))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update lifecycle_event set reason = 'x'"))
                .rootCause().hasMessageContaining("append-only");
        assertThat(units.find(serial).orElseThrow().lot().value()).isEqualTo("LOTIMM");
    }

    @Test
    void aTamperedEventBreaksTheChainAndTheCheckNamesIt() {
        issuance.issue(request("LOTCHAIN", 2), null, true);
        long id = jdbc.queryForObject("select max(id) from lifecycle_event", Long.class);
        // A forger with database access disables the guard, edits history, and restores the guard
        jdbc.execute("drop trigger lifecycle_event_no_update");
        try {
            jdbc.update("update lifecycle_event set lot = 'LOTFAKE' where id = ?", id);
            var report = units.verifyChain();
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenEventId()).isEqualTo(id);
            assertThat(report.problem()).contains("altered");
            jdbc.update("update lifecycle_event set lot = 'LOTCHAIN' where id = ?", id);
            assertThat(units.verifyChain().intact()).isTrue();
        } finally {
            jdbc.execute("create trigger lifecycle_event_no_update before update on lifecycle_event for each row "
                    + "call 'org.serialregistry.shared.jdbc.AppendOnlyH2Trigger'");
        }
    }

    @Test
    void aDestroyedUnitTakesNoFurtherChangeAndARepeatedStatusIsRefused() {
        var serials = issuance.serials(issuance.issue(request("LOTSTAT", 2), null, true).batch().id(), 0, 10);
        units.changeStatus(serials.get(0), UnitStatus.LOCKED, "held for inspection");
        assertThatThrownBy(() -> units.changeStatus(serials.get(0), UnitStatus.LOCKED, "again"))
                .hasMessageContaining("already locked");
        units.changeStatus(serials.get(1), UnitStatus.DESTROYED, "scrapped after drop test");
        assertThatThrownBy(() -> units.changeStatus(serials.get(1), UnitStatus.ACTIVE, "revive"))
                .hasMessageContaining("already inactive");
        assertThat(units.find(serials.get(1)).orElseThrow().status()).isEqualTo(UnitStatus.DESTROYED);
    }

    @Test
    void theSameUserMayUndoAStatusChangeWhichRestoresThePreviousStatus() {
        var serial = issuance.serials(issuance.issue(request("LOTUNDO", 1), null, true).batch().id(), 0, 1).getFirst();
        var change = units.changeStatus(serial, UnitStatus.SAMPLE, "taken as sample");
        var undo = units.undo(change.id(), "wrong unit");
        assertThat(undo.errorDeclarationFor()).isEqualTo(change.id());
        assertThat(units.find(serial).orElseThrow().status()).isEqualTo(UnitStatus.ACTIVE);
        assertThat(units.history(serial)).extracting(LifecycleEventView::id).contains(change.id(), undo.id());
    }

    private void assertRejected(IssueBatchRequest request, String messageStart) {
        assertThatThrownBy(() -> issuance.issue(request, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(messageStart);
    }

    static Set<String> values(List<SerialNumber> serials) {
        return new java.util.HashSet<>(serials.stream().map(SerialNumber::value).toList());
    }
}
