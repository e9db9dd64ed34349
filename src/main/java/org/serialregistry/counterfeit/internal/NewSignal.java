package org.serialregistry.counterfeit.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.serialregistry.counterfeit.EvidenceScan;
import org.serialregistry.counterfeit.Severity;
import org.serialregistry.counterfeit.SignalType;

/** A signal about to be stored: it opens a case or joins the open case of its serial, lot or client. */
public record NewSignal(SignalType type, Severity severity, @Nullable String serial, @Nullable String gtin,
                        @Nullable String lot, @Nullable String clientKey, @Nullable String country, Instant scanAt,
                        String detail, List<EvidenceScan> scans) {

    public NewSignal {
        detail = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        scans = List.copyOf(scans);
    }

    NewSignal withSeverity(Severity lowered) {
        return new NewSignal(type, lowered, serial, gtin, lot, clientKey, country, scanAt, detail, scans);
    }
}
