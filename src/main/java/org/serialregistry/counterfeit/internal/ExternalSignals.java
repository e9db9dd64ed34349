package org.serialregistry.counterfeit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.SignalType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * EXTENSION POINT for signals that come from other modules' events. Counterfeit deliberately
 * offers no public intake API (warranty and custody would then depend on counterfeit while
 * counterfeit listens to them: a cycle). Instead, add listeners here, in counterfeit, on the
 * other modules' published events, and call {@link #raise}:
 *
 * <pre>
 * &#64;ApplicationModuleListener
 * void on(warranty.DuplicateClaimSuspected e) {
 *     raise(SignalType.DUPLICATE_CLAIM, e.serial(), e.gtin(), "Claim " + e.claimId() + " duplicates " + e.earlierClaimId());
 * }
 * // warranty: a claimant whose claims hop between serials -> SignalType.SERIAL_HOPPING_CLAIM
 * // custody:  a refused or mismatching transfer (CustodyTransferRefused) -> SignalType.REFUSED_TRANSFER
 * </pre>
 *
 * Each signal then groups into the serial's (or lot's) open case like any scan signal, raises
 * its severity, and reaches the webhook when the case becomes high severity.
 */
@Component
public class ExternalSignals {

    private final SignalSink sink;
    private final Clock clock;

    ExternalSignals(SignalSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Transactional
    public CaseStore.Stored raise(SignalType type, String serial, @Nullable String gtin, @Nullable String lot,
                                  String detail) {
        return sink.storeInCurrentTransaction(new NewSignal(type, type.severity(), serial, gtin, lot, null, null,
                Instant.now(clock), detail, List.of()));
    }
}
