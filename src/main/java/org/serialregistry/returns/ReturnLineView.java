package org.serialregistry.returns;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One returned unit after intake.
 *
 * @param quarantined    held for investigation (counterfeit, listed, inactive or from an unexpected party)
 * @param refundable     the returning party may be credited
 * @param dispositionWhy the rule (or the signed override) that chose the disposition, in words
 * @param resultSerial   for a completed refurbishment, the new serial
 */
public record ReturnLineView(long id, long returnId, String rmaNumber, int lineNo, String serial, @Nullable String gtin,
                             ReturnReason reason, @Nullable String note, boolean quarantined, boolean refundable,
                             ReturnDisposition disposition, String dispositionWhy, List<IntakeCheck> checks,
                             boolean overridden, @Nullable Instant completedAt, @Nullable String completedBy,
                             @Nullable String resultSerial, long version) {
}
