package org.serialregistry.custody;

import org.jspecify.annotations.Nullable;

/**
 * Who holds a unit now, derived from its custody events.
 *
 * @param holder                 party code of the holder (the manufacturing site for a unit never moved)
 * @param inTransitTo            receiving party while the unit is in transit
 * @param lastLegitimateHolder   the last party that held the unit within its permitted markets
 */
public record UnitCustody(String serial, String gtin, String lot, String intendedMarket, @Nullable String holder,
                          CustodyState state, @Nullable String inTransitTo, @Nullable String shipmentNumber,
                          @Nullable String lastLegitimateHolder, boolean moved) {
}
