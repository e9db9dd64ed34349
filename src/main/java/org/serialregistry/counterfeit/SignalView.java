package org.serialregistry.counterfeit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One signal of a case with the scans that raised it. */
public record SignalView(long id, SignalType type, Severity severity, @Nullable String serial, @Nullable String gtin,
                         @Nullable String lot, @Nullable String clientKey, @Nullable String country, Instant scanAt,
                         Instant detectedAt, String detail, List<EvidenceScan> scans) {
}
