package org.serialregistry.counterfeit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.serialregistry.IntegrationTest;
import org.serialregistry.custody.CustodyTransferRefused;
import org.serialregistry.serial.IssueBatchRequest;
import org.serialregistry.serial.SerialIssuance;
import org.serialregistry.warranty.DefectCode;
import org.serialregistry.warranty.ClaimId;
import org.serialregistry.warranty.DuplicateClaimSuspected;
import org.serialregistry.warranty.SuspectSerialPresented;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Claims and custody feed counterfeit detection: their suspicious events open alert cases. */
@IntegrationTest
@WithMockUser(username = "fran", roles = {"PRODUCTION", "FORENSICS"})
class ClaimAndCustodySignalsTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    AlertCases cases;
    @Autowired
    SerialIssuance issuance;

    private String newSerial() {
        var batch = issuance.issue(new IssueBatchRequest("04006381333931", "SIGNAL1", "DE-MUC", "L2", 1,
                LocalDate.now(), null, "DE", null), null, true).batch();
        return issuance.serials(batch.id(), 0, 1).getFirst().value();
    }

    @Test
    void aDuplicateWarrantyClaimOpensACase() throws Exception {
        String serial = newSerial();
        tx.executeWithoutResult(s -> events.publishEvent(new DuplicateClaimSuspected(new ClaimId(42), "04006381333931", serial,
                DefectCode.values()[0], List.of("41"), "service")));
        assertThat(awaitCase(serial, SignalType.DUPLICATE_CLAIM).types()).contains(SignalType.DUPLICATE_CLAIM);
    }

    @Test
    void aNeverIssuedSerialOnAClaimOpensACriticalCase() throws Exception {
        String serial = "1ZZZZZZZZZZZZZZZZZZZ";
        tx.executeWithoutResult(s -> events.publishEvent(new SuspectSerialPresented("04006381333931", serial,
                "NOT_ISSUED", "CLAIM", "service", Instant.now())));
        assertThat(awaitCase(serial, SignalType.NOT_ISSUED).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aRefusedCustodyTransferOpensACaseForEachRefusedSerial() throws Exception {
        String serial = newSerial();
        tx.executeWithoutResult(s -> events.publishEvent(new CustodyTransferRefused(7, "SH-X", "DIST-FR", "RET-DE-01",
                List.of(serial), "DIST-FR does not hold the unit")));
        assertThat(awaitCase(serial, SignalType.REFUSED_TRANSFER).serial()).isEqualTo(serial);
    }

    private AlertCaseSummary awaitCase(String serial, SignalType type) throws InterruptedException {
        return await("a " + type + " case for " + serial).pollInSameThread().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> cases.search(new CaseQuery(serial, null, type, 10)), found -> !found.isEmpty()).getFirst();
    }
}
