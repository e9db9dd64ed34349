package org.serialregistry.counterfeit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.serialregistry.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores signals in their cases in one transaction, then (after commit) hands every case that
 * became high severity to the webhook and to the portal's "new high-severity case" marker.
 */
@Component
public class SignalSink {

    private static final Logger log = LoggerFactory.getLogger(SignalSink.class);

    private final CaseStore cases;
    private final WebhookNotifier webhook;
    private final ProductScanStore products;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final AtomicLong latestHighCase = new AtomicLong();

    SignalSink(CaseStore cases, WebhookNotifier webhook, ProductScanStore products, PlatformTransactionManager transactions,
               AuditTrail audit) {
        this.cases = cases;
        this.webhook = webhook;
        this.products = products;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
    }

    /**
     * @param newCountries rows (gtin, country, first seen) for {@code product_country_seen}
     * @param scanCounts   rows (scans, gtin) for {@code product_scan_count}
     */
    public void store(List<NewSignal> signals, List<Object[]> newCountries, List<Object[]> scanCounts) {
        store(signals, newCountries, scanCounts, null);
    }

    /** As above; {@code alsoInTransaction} (the detection leader's position) commits with the signals or not at all. */
    void store(List<NewSignal> signals, List<Object[]> newCountries, List<Object[]> scanCounts,
               @Nullable Runnable alsoInTransaction) {
        if (signals.isEmpty() && newCountries.isEmpty() && scanCounts.isEmpty() && alsoInTransaction == null) {
            return;
        }
        List<Long> high = tx.execute(status -> {
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
            var raised = new ArrayList<Long>();
            for (NewSignal s : signals) {
                var stored = cases.add(s);
                if (stored.caseOpened()) {
                    audit.record("alert-case.opened", "alert-case", String.valueOf(stored.caseId()), null,
                            AuditTrail.state("type", s.type().name(), "severity", s.severity().name(),
                                    "serial", s.serial(), "client", s.clientKey()));
                }
                if (stored.becameHigh()) {
                    raised.add(stored.caseId());
                }
            }
            products.addCountries(newCountries);
            products.saveScanCounts(scanCounts);
            return raised;
        });
        for (Long id : high) {
            latestHighCase.accumulateAndGet(id, Math::max);
            try {
                cases.find(id).ifPresent(webhook::caseRaised);
            } catch (RuntimeException e) {
                log.error("Could not queue the webhook for case {}", id, e);
            }
        }
    }

    /** Stores one signal inside the caller's transaction (forensic verdicts, extension signals). */
    public CaseStore.Stored storeInCurrentTransaction(NewSignal signal) {
        var stored = cases.add(signal);
        if (stored.caseOpened()) {
            audit.record("alert-case.opened", "alert-case", String.valueOf(stored.caseId()), null,
                    AuditTrail.state("type", signal.type().name(), "severity", signal.severity().name(),
                            "serial", signal.serial()));
        }
        if (stored.becameHigh()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            latestHighCase.accumulateAndGet(stored.caseId(), Math::max);
                            cases.find(stored.caseId()).ifPresent(webhook::caseRaised);
                        }
                    });
        }
        return stored;
    }

    /** Id of the newest case that became high severity since start (0 when none): the portal polls it. */
    public long latestHighCase() {
        return latestHighCase.get();
    }
}
