package org.serialregistry.custody;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A shipment a party sends: by serials, by whole lots, or both.
 *
 * @param shipmentNumber unique over all shipments (the despatch advice number); recorded as {@code desadv}
 * @param fromParty      code of the sending party, which must hold every unit
 * @param toParty        code of the receiving party
 * @param references     further business transactions, such as {@code po -> 4711}
 * @param shippedAt      when the goods left (null: now)
 */
public record NewShipment(String shipmentNumber, String fromParty, String toParty, List<String> serials,
                          List<LotRef> lots, Map<String, String> references, @Nullable Instant shippedAt) {

    /** A whole lot of a product. */
    public record LotRef(String gtin, String lot) {
    }

    public static NewShipment of(String number, String from, String to, List<String> serials) {
        return new NewShipment(number, from, to, serials, List.of(), Map.of(), null);
    }
}
