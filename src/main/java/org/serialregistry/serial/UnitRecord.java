package org.serialregistry.serial;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.serialregistry.shared.CountryCode;
import org.serialregistry.shared.Gtin;
import org.serialregistry.shared.LotNumber;
import org.serialregistry.shared.SerialNumber;

/**
 * A unit as the registry knows it: the immutable production record plus its current status.
 *
 * @param components serials of the units built into this one (genealogy); empty for simple units
 */
public record UnitRecord(SerialNumber serial, Gtin gtin, LotNumber lot, UUID batchId, LocalDate productionDate,
                         @Nullable LocalDate expiryDate, String facilityCode, String lineCode,
                         CountryCode intendedMarket, UnitStatus status, List<SerialNumber> components) {
}
