package org.serialregistry.returns;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A return (RMA) as it arrives from the portal, a sheet or a warehouse system: raw values, checked
 * by {@link ReturnsDesk}, which names every bad line in one pass.
 *
 * @param rmaNumber the returning party's RMA number (null: the registry makes one)
 * @param fromParty code of the party that sends the units back
 */
public record NewReturn(@Nullable String rmaNumber, @Nullable String fromParty, List<Line> lines) {

    /** One unit: its serial (or a scanned code or Digital Link), the stated reason and a note. */
    public record Line(@Nullable String serial, @Nullable String reason, @Nullable String note) {
    }
}
