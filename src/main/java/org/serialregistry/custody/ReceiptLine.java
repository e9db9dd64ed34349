package org.serialregistry.custody;

import org.jspecify.annotations.Nullable;

/**
 * One line of a receipt report.
 *
 * @param code   what was scanned or typed, as given
 * @param serial the serial read from it, when it is shaped like one
 */
public record ReceiptLine(String code, @Nullable String serial, @Nullable String gtin, ReceiptOutcome outcome,
                          @Nullable String detail) {
}
