package org.serialregistry.serial;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.SerialNumber;

/**
 * A refurbished unit and the original it was made from.
 *
 * @param originallyMade production date of the original unit
 * @param rmaNumber      the return the original came back under, if any
 */
public record Refurbishment(SerialNumber newSerial, SerialNumber original, Instant refurbishedAt, String refurbishedBy,
                            LocalDate originallyMade, @Nullable String rmaNumber) {
}
