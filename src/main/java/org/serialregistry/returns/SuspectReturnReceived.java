package org.serialregistry.returns;

import org.jspecify.annotations.Nullable;

/**
 * A returned unit was quarantined at intake: a code that is not genuine, a listed or inactive unit,
 * or a unit that came back from a party it was never sold or shipped to.
 */
public record SuspectReturnReceived(String rmaNumber, String serial, @Nullable String gtin, String fromParty,
                                    String why) {
}
