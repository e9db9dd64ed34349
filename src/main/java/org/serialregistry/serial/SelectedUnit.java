package org.serialregistry.serial;

/** A unit of a {@link UnitSelection}, with what a campaign needs of it. */
public record SelectedUnit(String serial, String gtin, String lot, String facilityCode, String intendedMarket, UnitStatus status) {
}
