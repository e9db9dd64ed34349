package org.serialregistry.serial;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request to issue serials, as it arrives from the portal, the API or an import: raw values,
 * validated by {@link SerialIssuance#issue}, which names the field of every problem.
 *
 * @param components optional: for assemblies, one list of component serials per unit (size = quantity)
 */
public record IssueBatchRequest(@Nullable String gtin, @Nullable String lot, @Nullable String facility,
                                @Nullable String line, int quantity, @Nullable LocalDate productionDate,
                                @Nullable LocalDate expiryDate, @Nullable String intendedMarket,
                                @Nullable List<List<String>> components) {
}
