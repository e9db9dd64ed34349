package org.serialregistry.returns;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a warehouse's "what do I do with this unit?": the disposition of the unit's latest
 * return and why.
 *
 * @param done         the disposition was carried out (refurbished, scrapped, ...)
 * @param resultSerial for a refurbished unit, its new serial
 */
public record DispositionAnswer(String serial, String rmaNumber, ReturnDisposition disposition, String why,
                                boolean quarantined, boolean refundable, boolean overridden, boolean done,
                                @Nullable String resultSerial) {
}
