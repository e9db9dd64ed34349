package org.serialregistry.serial;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.serial.internal.BatchRunner;
import org.serialregistry.serial.internal.BatchStore;
import org.serialregistry.serial.internal.SerialFields;
import org.serialregistry.serial.internal.UnitStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The recovery rule behind "kill -9 during a bulk issue" (scripts/fault-kill-during-issue.sh does it
 * to the packaged jar): a batch is written in one transaction, so a process that dies midway leaves
 * the batch queued with no unit; the next start issues it whole, or fails it when it cannot.
 */
@IntegrationTest
class BatchRecoveryTest {

    static final String PRODUCTION = "Bearer sr_demoprod_ProductionDemoKeyNotForProduction";
    static final String PHONE = "09506000134352";

    @Autowired
    SerialIssuance issuance;
    @Autowired
    BatchStore batches;
    @Autowired
    BatchRunner runner;
    @Autowired
    UnitStore units;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void aBatchThatADeadProcessLeftQueuedIsIssuedWholeAtTheNextStartAndItsKeyStillGivesOneBatch() throws Exception {
        String key = "erp-crash-" + System.nanoTime();
        String lot = "KILL" + System.nanoTime() % 100_000;
        UUID id = leftByDeadProcess(key, lot, 12_000, null);

        issuance.resumeUnfinished();

        await().atMost(Duration.ofSeconds(60)).until(() -> batchStatus(id).equals("COMPLETED"));
        assertThat(unitsOf(id)).isEqualTo(12_000);
        assertThat(jdbc.queryForObject("select count(*) from lifecycle_event where batch_id = ?", Long.class, id))
                .as("one commissioning event").isEqualTo(1);
        // the ERP retries the request it never got an answer to: the same batch, not a second one
        mvc.perform(post("/api/v1/serial-batches").header("Authorization", PRODUCTION).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body(lot, 12_000)))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.issuedCount").value(12_000));
        assertThat(jdbc.queryForObject("select count(*) from serial_batch where idempotency_key = ?", Long.class, key))
                .isEqualTo(1);
    }

    @Test
    void aBatchThatFailsWhileItsUnitsAreWrittenLeavesNoUnitAndIsMarkedFailed() {
        UUID id = leftByDeadProcess("erp-fail-" + System.nanoTime(), "HALF" + System.nanoTime() % 100_000, 12_000, null);

        // the write breaks after the first chunk of 5,000 units went to the database
        assertThatThrownBy(() -> runner.run(id, null, written -> {
            if (written >= 5_000) {
                throw new IllegalStateException("No space left on device");
            }
        })).hasMessageContaining("No space left");
        assertThat(unitsOf(id)).as("units after the failure").isZero();
        runner.fail(id, new IllegalStateException("No space left on device"));

        assertThat(batchStatus(id)).isEqualTo("FAILED");
        assertThat(unitsOf(id)).isZero();
        assertThat(jdbc.queryForObject("select issued_count from serial_batch where id = ?", Integer.class, id)).isZero();
        // a second start does not take a failed batch up again
        issuance.resumeUnfinished();
        assertThat(batchStatus(id)).isEqualTo("FAILED");
    }

    @Test
    void anInterruptedBatchWithComponentsIsFailedAtTheNextStartNotIssuedWithoutThem() {
        UUID id = leftByDeadProcess("erp-parts-" + System.nanoTime(), "PART" + System.nanoTime() % 100_000, 1,
                List.of(List.of("1000000000000000000A")));

        issuance.resumeUnfinished();

        await().atMost(Duration.ofSeconds(30)).until(() -> !batchStatus(id).equals("QUEUED"));
        assertThat(batchStatus(id)).isEqualTo("FAILED");
        assertThat(unitsOf(id)).as("units issued without their components").isZero();
        assertThat(jdbc.queryForObject("select failure from serial_batch where id = ?", String.class, id))
                .contains("component lists were not kept").contains("new Idempotency-Key");
    }

    /**
     * What a process killed during a batch leaves: the request recorded (committed before issuing
     * starts), the sequence range reserved, and nothing of the issuing transaction.
     */
    UUID leftByDeadProcess(String key, String lot, int quantity, @Nullable List<List<String>> components) {
        var facility = jdbc.queryForMap("select id, number from facility where code = 'DE-MUC'");
        long facilityId = ((Number) facility.get("id")).longValue();
        var line = jdbc.queryForMap("select id, number from production_line where facility_id = ? and code = 'L1'",
                facilityId);
        long productId = jdbc.queryForObject("select id from product where gtin = ?", Long.class, PHONE);
        LocalDate day = LocalDate.now().minusDays(3);
        long first = units.reserveSequences(((Number) facility.get("number")).intValue(),
                ((Number) line.get("number")).intValue(), day, quantity, SerialFields.MAX_SEQUENCE);
        UUID id = UUID.randomUUID();
        batches.insert(id, key, SerialIssuance.requestHash(PHONE, lot, "DE-MUC", "L1", quantity, day, null, "DE",
                components), productId, PHONE, lot, facilityId, ((Number) line.get("id")).longValue(), quantity, day,
                null, "DE", first, "api-key:demoprod", Instant.now());
        assertThat(batchStatus(id)).isEqualTo("QUEUED");
        return id;
    }

    static String body(String lot, int quantity) {
        return """
                {"gtin":"%s","lot":"%s","facility":"DE-MUC","line":"L1","quantity":%d,"productionDate":"%s",
                 "intendedMarket":"DE"}""".formatted(PHONE, lot, quantity, LocalDate.now().minusDays(3));
    }

    String batchStatus(UUID id) {
        return jdbc.queryForObject("select status from serial_batch where id = ?", String.class, id);
    }

    long unitsOf(UUID id) {
        return jdbc.queryForObject("select count(*) from unit where batch_id = ?", Long.class, id);
    }
}
