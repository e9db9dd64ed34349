package org.serialregistry.serial;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which units a campaign (a recall) names: every criterion given must hold; at least one of lots,
 * serials, production window or facility must be given, so that a selection never means "all".
 *
 * @param gtin          the product (null: any product; required with lots)
 * @param lots          lot numbers of that product (empty: any lot)
 * @param serials       an explicit list of serials (empty: none named)
 * @param producedFrom  first production day, inclusive (null: open)
 * @param producedTo    last production day, inclusive (null: open)
 * @param facilityCode  the facility (null: any)
 * @param lineCode      a line of that facility (null: any; needs the facility)
 */
public record UnitSelection(@Nullable String gtin, List<String> lots, List<String> serials,
                            @Nullable LocalDate producedFrom, @Nullable LocalDate producedTo,
                            @Nullable String facilityCode, @Nullable String lineCode) {

    public UnitSelection {
        lots = lots == null ? List.of() : List.copyOf(lots);
        serials = serials == null ? List.of() : List.copyOf(serials);
    }

    /** Whether a unit's production record falls in this selection (no database read). */
    public boolean matches(UnitRecord unit) {
        return (gtin == null || gtin.equals(unit.gtin().value()))
                && (lots.isEmpty() || lots.contains(unit.lot().value()))
                && (serials.isEmpty() || serials.contains(unit.serial().value()))
                && (producedFrom == null || !unit.productionDate().isBefore(producedFrom))
                && (producedTo == null || !unit.productionDate().isAfter(producedTo))
                && (facilityCode == null || facilityCode.equals(unit.facilityCode()))
                && (lineCode == null || lineCode.equals(unit.lineCode()));
    }
}
